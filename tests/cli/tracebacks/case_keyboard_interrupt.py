def slow():
    raise KeyboardInterrupt
print("before")
slow()
