"""A tiny calculator: the project the quick start validates proposals against."""


def add(a, b):
    return a + b


def div(a, b):
    if b == 0:
        raise ZeroDivisionError("b must not be zero")
    return a / b
