from circ_from1 import one
two = 2
