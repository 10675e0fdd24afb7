from helpers import nothing_here
