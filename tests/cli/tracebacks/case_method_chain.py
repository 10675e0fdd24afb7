class A:
    def method(self):
        return self.other()
    def other(self):
        return undefined_global
A().method()
