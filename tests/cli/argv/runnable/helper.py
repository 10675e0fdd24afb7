VALUE = "relative import from __main__ works"
