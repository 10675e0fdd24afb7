# The traceback of a misspelt attribute suggests the closest one, as CPython 3.11 does.
class Account:
    def __init__(self):
        self.balance = 10
    def deposit(self, n):
        self.balance += n
acct = Account()
acct.deposit(5)
print(acct.balance)
acct.depositt(1)
