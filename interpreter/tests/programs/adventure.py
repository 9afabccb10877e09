# A tiny text adventure: dataclasses, enums and match statements.
from dataclasses import dataclass, field
from enum import Enum, auto


class Dir(Enum):
    NORTH = auto()
    SOUTH = auto()
    EAST = auto()
    WEST = auto()


@dataclass
class Room:
    name: str
    items: list = field(default_factory=list)
    exits: dict = field(default_factory=dict)


@dataclass
class Player:
    room: str
    inventory: list = field(default_factory=list)
    moves: int = 0


rooms = {
    "hall": Room("hall", ["lamp"], {Dir.NORTH: "library", Dir.EAST: "kitchen"}),
    "library": Room("library", ["book", "key"], {Dir.SOUTH: "hall"}),
    "kitchen": Room("kitchen", ["bread"], {Dir.WEST: "hall", Dir.NORTH: "vault"}),
    "vault": Room("vault", ["gold"], {Dir.SOUTH: "kitchen"}),
}


def step(p, cmd):
    match cmd.split():
        case ["go", d] if d.upper() in Dir.__members__:
            room = rooms[p.room]
            target = room.exits.get(Dir[d.upper()])
            if target is None:
                return "You can't go that way."
            if target == "vault" and "key" not in p.inventory:
                return "The vault is locked."
            p.room = target
            p.moves += 1
            return f"You are in the {target}."
        case ["take", item]:
            room = rooms[p.room]
            if item in room.items:
                room.items.remove(item)
                p.inventory.append(item)
                return f"Taken: {item}."
            return f"No {item} here."
        case ["inventory" | "inv"]:
            return "You carry: " + (", ".join(sorted(p.inventory)) or "nothing")
        case ["look"]:
            r = rooms[p.room]
            exits = ", ".join(d.name.lower() for d in r.exits)
            return f"{r.name}: items={r.items} exits={exits}"
        case []:
            return "Say something."
        case _:
            return f"I don't understand {cmd!r}."


p = Player("hall")
script = ["look", "take lamp", "go east", "go north", "go west", "go north",
          "take key", "take book", "inv", "go south", "go east", "go north",
          "take gold", "look", "dance", "", "go up"]
for c in script:
    print(f"> {c}")
    print(step(p, c))
print(p)
print("won" if "gold" in p.inventory else "lost", "in", p.moves, "moves")
