# super().method() chains and isinstance checks.
class Base:
    def area(self):
        return 1
class Mid(Base):
    def area(self):
        return super().area() + 2
class Leaf(Mid):
    def area(self):
        return super().area() * 3

objs = [Base(), Mid(), Leaf()] * 1000
total = 0
for _ in range(60):
    for o in objs:
        if isinstance(o, Mid):
            total += o.area()
        elif isinstance(o, (int, Base)):
            total -= 1
print(total)
