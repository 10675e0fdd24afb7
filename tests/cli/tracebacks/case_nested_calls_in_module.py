import helpers
def outer():
    return middle() + 1
def middle():
    return helpers.divide(1, 0)
outer()
