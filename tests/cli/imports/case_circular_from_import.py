import circ_from1
