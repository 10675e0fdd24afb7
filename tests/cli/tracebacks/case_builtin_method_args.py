numbers = [1, 2]
numbers.append(3, 4)
