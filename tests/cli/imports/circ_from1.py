from circ_from2 import two
one = 1
