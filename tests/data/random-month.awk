# A seeded random month for 1d-cct (tests/cct-property.t, tests/cct-explain.t):
# awk -v seed=N -v refunds=0|1 -f random-month.awk writes policy.conf,
# ledger.csv, catalog.csv, holders.csv, suspense.csv and usage.csv in the current directory.
BEGIN {
	srand(seed)
	models = "cct prorata user tiers artist-centric"; split(models, model, " ")
	a = 1 + int(rand() * 3000); b = 1 + int(rand() * 3000); c = 1 + int(rand() * 2000)
	d = 1 + int(rand() * 1000); if (a + b + c + d >= 10000) { a = 2000; b = 1500; c = 1000; d = 1500 }
	mo = model[1 + int(rand() * 5)]
	print "model = " mo > "policy.conf"
	# artist-centric counts a user over the whole month: no structure pool.
	pool = rand() < 0.3 && mo != "artist-centric" ? "structure" : "month"
	print "pool = " pool > "policy.conf"
	# unmatched = hold: the month pool of cct, tiers and prorata.
	hold = pool == "month" && mo != "artist-centric" && mo != "user" && rand() < 0.6
	print "unmatched = " (hold ? "hold" : "share") > "policy.conf"
	printf "suspense_months = %d\n", int(rand() * 10) > "policy.conf"
	print "weight = " (rand() < 0.3 ? "ms" : "listens") > "policy.conf"
	printf "sacem_rate = %d.%d\n", int(rand() * 20), int(rand() * 10) > "policy.conf"
	printf "keys = operations:%d rnd:%d fund:%d fixed:%d variable:%d\n", a, b, c, d, 10000 - a - b - c - d > "policy.conf"
	print "tier.independent = 1200" > "policy.conf"
	printf "ac_min_listens = %d\nac_min_listeners = %d\nac_user_cap = %d\n", int(rand() * 20), int(rand() * 3), int(rand() * 8) > "policy.conf"

	split("0 2.1 5.5 10 20", vat, " ")
	print "date,structure,kind,gross,currency,vat_rate,period_start,period_end,ref" > "ledger.csv"
	ns = 1 + int(rand() * 4)
	for (r = 0; r < 1 + int(rand() * 8); r++) {
		m1 = 1 + int(rand() * 10); m2 = m1 + int(rand() * 6); if (m2 > 12) m2 = 12
		g = int(rand() * 200000) + 1; if (refunds && rand() < 0.3) g = -int(rand() * 5000)
		printf "2026-%02d-01,s%d,%s,%s%d.%02d,EUR,%s,2026-%02d-%02d,2026-%02d-28,r%d\n", m1,
		    1 + int(rand() * ns), g < 0 ? "refund" : "subscription", g < 0 ? "-" : "",
		    (g < 0 ? -g : g) / 100, (g < 0 ? -g : g) % 100, vat[1 + int(rand() * 5)],
		    m1, 1 + int(rand() * 27), m2, r > "ledger.csv"
	}
	split("FR FR FR BE Worldwide", terr, " "); split("emerging independent known", tier, " ")
	print "track,holder,release_date,territories,available_from,available_until,status" > "catalog.csv"
	print "holder,tier" > "holders.csv"
	nh = 1 + int(rand() * 8)
	for (h = 1; h <= nh; h++) print "H" h "," (rand() < 0.8 ? tier[1 + int(rand() * 3)] : "") > "holders.csv"
	nt = 1 + int(rand() * 30)
	for (t = 1; t <= nt; t++)
		printf "T%02d,%s,20%02d-%02d-%02d,%s,%s,,%s\n", t, rand() < 0.1 ? "" : "H" (1 + int(rand() * nh)),
		    18 + int(rand() * 9), 1 + int(rand() * 12), 1 + int(rand() * 28), terr[1 + int(rand() * 5)],
		    rand() < 0.1 ? "2026-11-01" : "", rand() < 0.1 ? "takedown" : "active" > "catalog.csv"
	print "month,track,amount" > "suspense.csv"
	for (k = 0; k < int(rand() * 6); k++) {
		a = int(rand() * 3000); if (refunds && rand() < 0.3) a = -a
		# Half of them on titles the catalogue does not know: they stay open or return.
		printf "2026-%02d,T%02d,%s%d.%02d\n", 1 + int(rand() * 9),
		    rand() < 0.5 ? nt + 1 + int(rand() * 3) : 1 + int(rand() * (nt + 3)),
		    a < 0 ? "-" : "", (a < 0 ? -a : a) / 100, (a < 0 ? -a : a) % 100 > "suspense.csv"
	}
	print "month,structure,user,track,plays,listens,ms" > "usage.csv"
	for (u = 1; u <= 1 + int(rand() * 12); u++) {
		s = 1 + int(rand() * (ns + 1))
		for (k = 0; k < 1 + int(rand() * 6); k++) {
			# A user id may be funded by more than one structure.
			if (rand() < 0.3) s = 1 + int(rand() * (ns + 1))
			l = int(rand() * 20)
			printf "2026-%s,s%d,u%d,T%02d,%d,%d,%d\n", rand() < 0.95 ? "10" : "09", s, u,
			    1 + int(rand() * (nt + 3)), l + 1, l, l * 150000 + int(rand() * 1000) > "usage.csv"
		}
	}
}
