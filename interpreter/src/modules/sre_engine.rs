//! A backtracking interpreter for CPython 3.11's SRE bytecode (the code
//! `re._compiler` produces): the matching core of the native `_sre` module.
//!
//! Continuation-passing: `run(pc, pos, k)` matches the code from `pc` and calls
//! `k(pos)` when it reaches the end of the (sub)sequence (`SUCCESS`,
//! `MAX_UNTIL`/`MIN_UNTIL`); alternatives are tried in order, marks are
//! restored when an alternative fails.

/// Opcodes (re._constants.OPCODES, 3.11).
mod op {
    pub const FAILURE: u32 = 0;
    pub const SUCCESS: u32 = 1;
    pub const ANY: u32 = 2;
    pub const ANY_ALL: u32 = 3;
    pub const ASSERT: u32 = 4;
    pub const ASSERT_NOT: u32 = 5;
    pub const AT: u32 = 6;
    pub const BRANCH: u32 = 7;
    pub const CATEGORY: u32 = 8;
    pub const CHARSET: u32 = 9;
    pub const BIGCHARSET: u32 = 10;
    pub const GROUPREF: u32 = 11;
    pub const GROUPREF_EXISTS: u32 = 12;
    pub const IN: u32 = 13;
    pub const INFO: u32 = 14;
    pub const JUMP: u32 = 15;
    pub const LITERAL: u32 = 16;
    pub const MARK: u32 = 17;
    pub const MAX_UNTIL: u32 = 18;
    pub const MIN_UNTIL: u32 = 19;
    pub const NOT_LITERAL: u32 = 20;
    pub const NEGATE: u32 = 21;
    pub const RANGE: u32 = 22;
    pub const REPEAT: u32 = 23;
    pub const REPEAT_ONE: u32 = 24;
    pub const MIN_REPEAT_ONE: u32 = 26;
    pub const ATOMIC_GROUP: u32 = 27;
    pub const POSSESSIVE_REPEAT: u32 = 28;
    pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub const GROUPREF_IGNORE: u32 = 30;
    pub const IN_IGNORE: u32 = 31;
    pub const LITERAL_IGNORE: u32 = 32;
    pub const NOT_LITERAL_IGNORE: u32 = 33;
    pub const GROUPREF_LOC_IGNORE: u32 = 34;
    pub const IN_LOC_IGNORE: u32 = 35;
    pub const LITERAL_LOC_IGNORE: u32 = 36;
    pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub const GROUPREF_UNI_IGNORE: u32 = 38;
    pub const IN_UNI_IGNORE: u32 = 39;
    pub const LITERAL_UNI_IGNORE: u32 = 40;
    pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub const RANGE_UNI_IGNORE: u32 = 42;
}

/// Error: malformed code (raised as RuntimeError by the caller).
#[derive(Debug)]
pub struct BadCode;

/// `lower(ch)` the way `_sre.unicode_tolower` does (single-char mappings only).
pub fn uni_lower(ch: u32) -> u32 {
    match char::from_u32(ch) {
        Some(c) => {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(l), None) => l as u32,
                _ => ch,
            }
        }
        None => ch,
    }
}

fn uni_upper(ch: u32) -> u32 {
    match char::from_u32(ch) {
        Some(c) => {
            let mut it = c.to_uppercase();
            match (it.next(), it.next()) {
                (Some(u), None) => u as u32,
                _ => ch,
            }
        }
        None => ch,
    }
}

/// `_sre.ascii_tolower`.
pub fn ascii_lower(ch: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

fn is_word_ascii(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphanumeric() || ch == b'_' as u32
}

fn is_word_uni(ch: u32) -> bool {
    ch == b'_' as u32 || char::from_u32(ch).is_some_and(|c| c.is_alphanumeric())
}

fn is_space_ascii(ch: u32) -> bool {
    matches!(ch, 9..=13 | 32)
}

fn is_space_uni(ch: u32) -> bool {
    matches!(ch, 9..=13 | 28..=32 | 0x85 | 0xa0)
        || char::from_u32(ch).is_some_and(|c| c.is_whitespace())
}

/// `\d` for str patterns (approximation: Unicode numeric characters; CPython
/// matches decimal digits, category Nd, only).
fn is_digit_uni(ch: u32) -> bool {
    char::from_u32(ch).is_some_and(|c| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
}

fn category(cat: u32, ch: u32) -> bool {
    match cat {
        0 => (b'0' as u32..=b'9' as u32).contains(&ch),
        1 => !(b'0' as u32..=b'9' as u32).contains(&ch),
        2 => is_space_ascii(ch),
        3 => !is_space_ascii(ch),
        4 | 8 => is_word_ascii(ch),
        5 | 9 => !is_word_ascii(ch),
        6 => ch == 10,
        7 => ch != 10,
        10 => is_digit_uni(ch),
        11 => !is_digit_uni(ch),
        12 => is_space_uni(ch),
        13 => !is_space_uni(ch),
        14 => is_word_uni(ch),
        15 => !is_word_uni(ch),
        16 => matches!(ch, 10..=13 | 28..=30 | 0x85 | 0x2028 | 0x2029),
        17 => !matches!(ch, 10..=13 | 28..=30 | 0x85 | 0x2028 | 0x2029),
        _ => false,
    }
}

/// The subject as code points: the bytes of a bytes object or of an ASCII
/// str as they are (no conversion), or the code points of any other str.
#[derive(Clone, Copy)]
pub enum Text<'a> {
    Narrow(&'a [u8]),
    Wide(&'a [u32]),
}

impl Text<'_> {
    /// Number of code points.
    pub fn len(&self) -> usize {
        match self {
            Text::Narrow(b) => b.len(),
            Text::Wide(w) => w.len(),
        }
    }
    /// Whether there is no code point.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Code point `i` (in bounds).
    #[inline(always)]
    pub fn get(&self, i: usize) -> u32 {
        match self {
            Text::Narrow(b) => u32::from(b[i]),
            Text::Wide(w) => w[i],
        }
    }
}

/// The matcher state for one match attempt.
pub struct Matcher<'a> {
    pub code: &'a [u32],
    pub text: Text<'a>,
    /// Match region: `[start_limit, end)` (pos / endpos).
    pub end: usize,
    /// Group marks: `marks[2g]`, `marks[2g+1]` (group 0 is not stored).
    pub marks: Vec<Option<usize>>,
    /// Steps left before giving up (runaway backtracking guard).
    pub budget: u64,
    /// The group whose closing mark was set last (`Match.lastindex`).
    pub lastindex: Option<usize>,
}

type K<'k, 'a> = &'k mut dyn FnMut(&mut Matcher<'a>, usize) -> Result<bool, BadCode>;

impl<'a> Matcher<'a> {
    fn c(&self, i: usize) -> Result<u32, BadCode> {
        self.code.get(i).copied().ok_or(BadCode)
    }

    fn at(&self, code: u32, pos: usize) -> bool {
        let t = self.text;
        let end = self.end;
        let prev = if pos > 0 { Some(t.get(pos - 1)) } else { None };
        let cur = if pos < end { Some(t.get(pos)) } else { None };
        let word = |f: fn(u32) -> bool| {
            let a = prev.is_some_and(f);
            let b = cur.is_some_and(f);
            (a, b)
        };
        match code {
            0 | 2 => pos == 0,
            1 => pos == 0 || prev == Some(10),
            5 => pos == end || (pos + 1 == end && cur == Some(10)),
            6 => pos == end || cur == Some(10),
            7 => pos == end,
            3 | 8 => {
                let (a, b) = word(is_word_ascii);
                end > 0 && a != b
            }
            4 | 9 => {
                let (a, b) = word(is_word_ascii);
                end > 0 && a == b
            }
            10 => {
                let (a, b) = word(is_word_uni);
                end > 0 && a != b
            }
            11 => {
                let (a, b) = word(is_word_uni);
                end > 0 && a == b
            }
            _ => false,
        }
    }

    /// Does `ch` belong to the set starting at `pc` (terminated by FAILURE)?
    fn in_set(&self, mut pc: usize, ch: u32) -> Result<bool, BadCode> {
        let mut ok = true;
        loop {
            match self.c(pc)? {
                op::FAILURE => return Ok(!ok),
                op::LITERAL => {
                    if ch == self.c(pc + 1)? {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                op::CATEGORY => {
                    if category(self.c(pc + 1)?, ch) {
                        return Ok(ok);
                    }
                    pc += 2;
                }
                op::CHARSET => {
                    if ch < 256 && self.c(pc + 1 + (ch as usize >> 5))? & (1 << (ch & 31)) != 0 {
                        return Ok(ok);
                    }
                    pc += 9;
                }
                op::RANGE => {
                    if (self.c(pc + 1)?..=self.c(pc + 2)?).contains(&ch) {
                        return Ok(ok);
                    }
                    pc += 3;
                }
                op::RANGE_UNI_IGNORE => {
                    let r = self.c(pc + 1)?..=self.c(pc + 2)?;
                    if r.contains(&ch) || r.contains(&uni_upper(ch)) {
                        return Ok(ok);
                    }
                    pc += 3;
                }
                op::NEGATE => {
                    ok = !ok;
                    pc += 1;
                }
                op::BIGCHARSET => {
                    let n = self.c(pc + 1)? as usize;
                    let map = pc + 2;
                    if ch < 65536 {
                        let hi = (ch >> 8) as usize;
                        let w = self.c(map + hi / 4)?;
                        let block = ((w >> ((hi % 4) * 8)) & 0xff) as usize;
                        let b = map + 64 + block * 8;
                        let lo = ch & 255;
                        if self.c(b + (lo as usize >> 5))? & (1 << (lo & 31)) != 0 {
                            return Ok(ok);
                        }
                    }
                    pc = map + 64 + n * 8;
                }
                _ => return Err(BadCode),
            }
        }
    }

    /// Matches one character at `pos` with the single-width op at `pc`.
    fn one(&self, pc: usize, pos: usize) -> Result<bool, BadCode> {
        if pos >= self.end {
            return Ok(false);
        }
        let ch = self.text.get(pos);
        Ok(match self.c(pc)? {
            op::ANY => ch != 10,
            op::ANY_ALL => true,
            op::LITERAL => ch == self.c(pc + 1)?,
            op::NOT_LITERAL => ch != self.c(pc + 1)?,
            op::LITERAL_IGNORE | op::LITERAL_LOC_IGNORE => ascii_lower(ch) == self.c(pc + 1)?,
            op::NOT_LITERAL_IGNORE | op::NOT_LITERAL_LOC_IGNORE => {
                ascii_lower(ch) != self.c(pc + 1)?
            }
            op::LITERAL_UNI_IGNORE => uni_lower(ch) == self.c(pc + 1)?,
            op::NOT_LITERAL_UNI_IGNORE => uni_lower(ch) != self.c(pc + 1)?,
            op::CATEGORY => category(self.c(pc + 1)?, ch),
            op::IN => self.in_set(pc + 2, ch)?,
            op::IN_IGNORE | op::IN_LOC_IGNORE => self.in_set(pc + 2, ascii_lower(ch))?,
            // As CPython's sre: the lowered character against the set, whose
            // RANGE_UNI_IGNORE items also try its upper case (so negated
            // sets stay negated).
            op::IN_UNI_IGNORE => self.in_set(pc + 2, uni_lower(ch))?,
            _ => return Err(BadCode),
        })
    }

    fn group_text(&self, g: usize) -> Option<(usize, usize)> {
        match (
            self.marks.get(2 * g).copied()?,
            self.marks.get(2 * g + 1).copied()?,
        ) {
            (Some(a), Some(b)) if a <= b => Some((a, b)),
            _ => None,
        }
    }

    fn snap(&self) -> (Vec<Option<usize>>, Option<usize>) {
        (self.marks.clone(), self.lastindex)
    }

    fn restore(&mut self, s: (Vec<Option<usize>>, Option<usize>)) {
        self.marks = s.0;
        self.lastindex = s.1;
    }

    fn set_mark(&mut self, i: usize, pos: usize) {
        if i & 1 == 1 {
            self.lastindex = Some(i / 2 + 1);
        }
        if self.marks.len() <= i {
            self.marks.resize(i + 1, None);
        }
        self.marks[i] = Some(pos);
    }

    /// Matches from `pc` at `pos`; calls `k` at the end of the sequence.
    pub fn run(&mut self, mut pc: usize, mut pos: usize, k: K<'_, 'a>) -> Result<bool, BadCode> {
        loop {
            if self.budget == 0 {
                return Err(BadCode);
            }
            self.budget -= 1;
            let opc = self.c(pc)?;
            match opc {
                op::FAILURE => return Ok(false),
                op::SUCCESS | op::MAX_UNTIL | op::MIN_UNTIL => return k(self, pos),
                op::ANY
                | op::ANY_ALL
                | op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::CATEGORY
                | op::IN
                | op::IN_IGNORE
                | op::IN_LOC_IGNORE
                | op::IN_UNI_IGNORE => {
                    if !self.one(pc, pos)? {
                        return Ok(false);
                    }
                    pos += 1;
                    pc = self.next_single(pc)?;
                }
                op::AT => {
                    if !self.at(self.c(pc + 1)?, pos) {
                        return Ok(false);
                    }
                    pc += 2;
                }
                op::INFO => pc = pc + 1 + self.c(pc + 1)? as usize,
                op::JUMP => pc = pc + 1 + self.c(pc + 1)? as usize,
                op::MARK => {
                    let i = self.c(pc + 1)? as usize;
                    let old = self.snap();
                    self.set_mark(i, pos);
                    let r = self.run(pc + 2, pos, k)?;
                    if !r {
                        self.restore(old);
                    }
                    return Ok(r);
                }
                op::BRANCH => {
                    let mut p = pc + 1;
                    loop {
                        let skip = self.c(p)? as usize;
                        if skip == 0 {
                            return Ok(false);
                        }
                        let old = self.snap();
                        if self.run(p + 1, pos, k)? {
                            return Ok(true);
                        }
                        self.restore(old);
                        p += skip;
                    }
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    let next = pc + 1 + self.c(pc + 1)? as usize;
                    let min = self.c(pc + 2)? as usize;
                    let max = self.c(pc + 3)? as usize;
                    let item = pc + 4;
                    if opc == op::MIN_REPEAT_ONE {
                        let mut n = 0;
                        while n < min {
                            if !self.one(item, pos + n)? {
                                return Ok(false);
                            }
                            n += 1;
                        }
                        loop {
                            let old = self.snap();
                            if self.run(next, pos + n, k)? {
                                return Ok(true);
                            }
                            self.restore(old);
                            if n >= max || !self.one(item, pos + n)? {
                                return Ok(false);
                            }
                            n += 1;
                        }
                    }
                    let mut n = 0;
                    while n < max && self.one(item, pos + n)? {
                        n += 1;
                    }
                    if n < min {
                        return Ok(false);
                    }
                    if opc == op::POSSESSIVE_REPEAT_ONE {
                        pos += n;
                        pc = next;
                        continue;
                    }
                    loop {
                        let old = self.snap();
                        if self.run(next, pos + n, k)? {
                            return Ok(true);
                        }
                        self.restore(old);
                        if n == min {
                            return Ok(false);
                        }
                        n -= 1;
                    }
                }
                op::REPEAT => {
                    let skip = self.c(pc + 1)? as usize;
                    let min = self.c(pc + 2)? as usize;
                    let max = self.c(pc + 3)? as usize;
                    let until = pc + 1 + skip;
                    let greedy = self.c(until)? == op::MAX_UNTIL;
                    let r = Rep {
                        body: pc + 4,
                        next: until + 1,
                        min,
                        max,
                        greedy,
                    };
                    return self.repeat(&r, 0, usize::MAX, pos, k);
                }
                op::POSSESSIVE_REPEAT => {
                    let next = pc + 1 + self.c(pc + 1)? as usize;
                    let min = self.c(pc + 2)? as usize;
                    let max = self.c(pc + 3)? as usize;
                    let mut n = 0;
                    while n < max {
                        let mut endp = None;
                        let old = self.snap();
                        let ok = self.run(pc + 4, pos, &mut |_, p| {
                            endp = Some(p);
                            Ok(true)
                        })?;
                        match endp {
                            Some(p) if ok && (p != pos || n < min) => {
                                pos = p;
                                n += 1;
                            }
                            _ => {
                                self.restore(old);
                                break;
                            }
                        }
                    }
                    if n < min {
                        return Ok(false);
                    }
                    pc = next;
                }
                op::ATOMIC_GROUP => {
                    let next = pc + 1 + self.c(pc + 1)? as usize;
                    let mut endp = None;
                    let ok = self.run(pc + 2, pos, &mut |_, p| {
                        endp = Some(p);
                        Ok(true)
                    })?;
                    match endp {
                        Some(p) if ok => {
                            pos = p;
                            pc = next;
                        }
                        _ => return Ok(false),
                    }
                }
                op::ASSERT | op::ASSERT_NOT => {
                    let next = pc + 1 + self.c(pc + 1)? as usize;
                    let back = self.c(pc + 2)? as usize;
                    let found = if back > pos {
                        false
                    } else {
                        let old = self.snap();
                        let r = self.run(pc + 3, pos - back, &mut |_, _| Ok(true))?;
                        if !r || opc == op::ASSERT_NOT {
                            self.restore(old);
                        }
                        r
                    };
                    if found != (opc == op::ASSERT) {
                        return Ok(false);
                    }
                    pc = next;
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_LOC_IGNORE
                | op::GROUPREF_UNI_IGNORE => {
                    let g = self.c(pc + 1)? as usize;
                    let Some((a, b)) = self.group_text(g) else {
                        return Ok(false);
                    };
                    let n = b - a;
                    if pos + n > self.end {
                        return Ok(false);
                    }
                    for i in 0..n {
                        let (x, y) = (self.text.get(a + i), self.text.get(pos + i));
                        let same = match opc {
                            op::GROUPREF => x == y,
                            op::GROUPREF_UNI_IGNORE => uni_lower(x) == uni_lower(y),
                            _ => ascii_lower(x) == ascii_lower(y),
                        };
                        if !same {
                            return Ok(false);
                        }
                    }
                    pos += n;
                    pc += 2;
                }
                op::GROUPREF_EXISTS => {
                    let g = self.c(pc + 1)? as usize;
                    if self.group_text(g).is_some() {
                        pc += 3;
                    } else {
                        pc = pc + 2 + self.c(pc + 2)? as usize;
                    }
                }
                _ => return Err(BadCode),
            }
        }
    }

    fn next_single(&self, pc: usize) -> Result<usize, BadCode> {
        Ok(match self.c(pc)? {
            op::ANY | op::ANY_ALL => pc + 1,
            op::IN | op::IN_IGNORE | op::IN_LOC_IGNORE | op::IN_UNI_IGNORE => {
                pc + 1 + self.c(pc + 1)? as usize
            }
            _ => pc + 2,
        })
    }

    /// General REPEAT .. MAX_UNTIL / MIN_UNTIL after `count` iterations; `last`
    /// is where the previous iteration started (an empty iteration stops the loop).
    fn repeat(
        &mut self,
        r: &Rep,
        count: usize,
        last: usize,
        pos: usize,
        k: K<'_, 'a>,
    ) -> Result<bool, BadCode> {
        let body_ok = count < r.max && !(count >= r.min && pos == last);
        let try_body = |m: &mut Matcher<'a>, k: K<'_, 'a>| -> Result<bool, BadCode> {
            let old = m.snap();
            let ok = m.run(r.body, pos, &mut |m, p| m.repeat(r, count + 1, pos, p, k))?;
            if !ok {
                m.restore(old);
            }
            Ok(ok)
        };
        if count < r.min {
            return try_body(self, k);
        }
        if r.greedy {
            if body_ok && try_body(self, k)? {
                return Ok(true);
            }
            self.run(r.next, pos, k)
        } else {
            let old = self.snap();
            if self.run(r.next, pos, k)? {
                return Ok(true);
            }
            self.restore(old);
            Ok(body_ok && try_body(self, k)?)
        }
    }
}

struct Rep {
    body: usize,
    next: usize,
    min: usize,
    max: usize,
    greedy: bool,
}

/// Matches `code` against `text[pos..endpos]` anchored at `pos` (`search`:
/// at the first position from `pos` that matches; `full`: must end at
/// `endpos`). Returns the match end and the group marks.
/// A successful match: span, group marks, lastindex.
pub type Found = (usize, usize, Vec<Option<usize>>, Option<usize>);

/// `must_advance`: an empty match at `pos` is not accepted (finditer/sub after
/// an empty match).
pub fn sre_match(
    code: &[u32],
    text: Text,
    pos: usize,
    endpos: usize,
    search: bool,
    full: bool,
    must_advance: bool,
) -> Result<Option<Found>, BadCode> {
    let endpos = endpos.min(text.len());
    let mut start = pos;
    loop {
        if start > endpos {
            return Ok(None);
        }
        let mut m = Matcher {
            code,
            text,
            end: endpos,
            marks: vec![],
            budget: 50_000_000,
            lastindex: None,
        };
        let mut endp = None;
        let ok = m.run(0, start, &mut |_, p| {
            if full && p != endpos {
                return Ok(false);
            }
            if must_advance && p == pos && start == pos {
                return Ok(false);
            }
            endp = Some(p);
            Ok(true)
        })?;
        if ok {
            if let Some(e) = endp {
                return Ok(Some((start, e, m.marks, m.lastindex)));
            }
        }
        if !search {
            return Ok(None);
        }
        start += 1;
    }
}
