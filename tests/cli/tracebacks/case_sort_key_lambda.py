words = ["bb", "a", 3]
print(sorted(words, key=lambda w: len(w)))
