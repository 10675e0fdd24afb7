import circ_a
print(circ_a.use_b(), circ_a.A)
