// fixture-gen: writes the demo, sample and benchmark workbooks in Fixtures/ (see FixtureGen.swift).
FixtureGen.main()
