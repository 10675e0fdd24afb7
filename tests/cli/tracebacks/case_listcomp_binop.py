data = [1, 2, 3]
squares = [x * "a" / 2 for x in data]
