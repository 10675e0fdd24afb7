print("runnable package imported")
