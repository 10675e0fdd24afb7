print("running shop.broken")
raise ValueError("broken at import time")
