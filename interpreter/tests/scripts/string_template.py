# requires: stdlib
# torture: 1000
from string import Template
t = Template('$who likes ${what} $$5')
print(t.substitute(who='tim', what='kung pao'), t.substitute({'who': 1, 'what': 2}))
print(t.safe_substitute(who='x'), t.get_identifiers(), t.is_valid(), Template('$').is_valid())
try:
    Template('a\n $ b').substitute()
except ValueError as e:
    print(e)
try:
    t.substitute(who=1)
except KeyError as e:
    print('KeyError', e)
class P(Template):
    delimiter = '%'
print(P('%x %%').substitute(x=3))
class Q(Template):
    idpattern = r'[a-z]+_[a-z]+'
print(Q('$a_b $ab').safe_substitute(a_b=1, ab=2))
