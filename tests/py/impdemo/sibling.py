value = "sibling value"
def rel():
    from .sub import deep
    return deep.DEEP
