"""The program as data: the five moves, sessions built from them, progression, and encodings.

Pure functions only: nothing in this package touches the network, the clock or files.
"""
