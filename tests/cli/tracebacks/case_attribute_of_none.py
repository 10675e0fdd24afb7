obj = None
obj.attribute.more
