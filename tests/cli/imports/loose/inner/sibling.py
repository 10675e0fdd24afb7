print("sibling", __name__)
