class Bad:
    x = 1 / 0
