//! Card marking for large arrays of references.
//!
//! A card covers [`CARD_ITEMS`] consecutive items of a var-size object; one
//! bit per card says "some item in this card was written since the last
//! scan". The bits live in a side area the collector allocates with the
//! object (for example just before its header, as PyPy does); [`Cards`] is a
//! view over that area and knows nothing else about the collector.

/// Items covered by one card.
pub const CARD_ITEMS: usize = 128;

/// Bytes of card bits needed for an array of `items` items, rounded up to a
/// whole word (0 for an empty array).
pub const fn card_bytes(items: usize) -> usize {
    let cards = items.div_ceil(CARD_ITEMS);
    cards.div_ceil(64) * 8
}

/// A view over the card bits of one object.
#[derive(Clone, Copy, Debug)]
pub struct Cards {
    base: *mut u64,
    words: usize,
    items: usize,
}

impl Cards {
    /// A view over the `card_bytes(items)` bytes at `base`.
    ///
    /// # Safety
    /// `base` must be 8-aligned and `card_bytes(items)` bytes from it must be
    /// writable memory owned by the caller for as long as the view is used.
    pub unsafe fn new(base: usize, items: usize) -> Cards {
        debug_assert!(base.is_multiple_of(8));
        Cards {
            base: base as *mut u64,
            words: card_bytes(items) / 8,
            items,
        }
    }

    #[inline(always)]
    fn word(&self, i: usize) -> u64 {
        debug_assert!(i < self.words);
        // SAFETY: i < words, inside the area promised to `Cards::new`.
        unsafe { *self.base.add(i) }
    }

    #[inline(always)]
    fn set_word(&self, i: usize, v: u64) {
        debug_assert!(i < self.words);
        // SAFETY: as in `word`.
        unsafe { *self.base.add(i) = v }
    }

    /// Marks the card holding item `index`. Returns false if the card was
    /// already marked. Out-of-range indexes are ignored (return false).
    #[inline]
    pub fn mark(&self, index: usize) -> bool {
        if index >= self.items {
            return false;
        }
        let card = index / CARD_ITEMS;
        let (w, bit) = (card / 64, 1u64 << (card % 64));
        let old = self.word(w);
        self.set_word(w, old | bit);
        old & bit == 0
    }

    /// Is the card holding item `index` marked?
    pub fn is_marked(&self, index: usize) -> bool {
        if index >= self.items {
            return false;
        }
        let card = index / CARD_ITEMS;
        self.word(card / 64) & (1u64 << (card % 64)) != 0
    }

    /// Is any card marked?
    pub fn any(&self) -> bool {
        (0..self.words).any(|i| self.word(i) != 0)
    }

    /// Calls `f(start, end)` with the item range of every marked card (in
    /// increasing order, adjacent cards merged) and clears all the bits.
    pub fn drain(&self, mut f: impl FnMut(usize, usize)) {
        let mut run: Option<(usize, usize)> = None;
        for w in 0..self.words {
            let mut bits = self.word(w);
            if bits == 0 {
                continue;
            }
            self.set_word(w, 0);
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let card = w * 64 + b;
                let start = card * CARD_ITEMS;
                let end = (start + CARD_ITEMS).min(self.items);
                run = match run {
                    Some((s, e)) if e == start => Some((s, end)),
                    Some((s, e)) => {
                        f(s, e);
                        Some((start, end))
                    }
                    None => Some((start, end)),
                };
            }
        }
        if let Some((s, e)) = run {
            f(s, e);
        }
    }

    /// Clears every bit.
    pub fn clear(&self) {
        for w in 0..self.words {
            self.set_word(w, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_drain_clear() {
        let items = 1000;
        let mut area = vec![0u64; card_bytes(items) / 8];
        assert_eq!(card_bytes(items), 8);
        assert_eq!(card_bytes(0), 0);
        assert_eq!(card_bytes(CARD_ITEMS * 64 + 1), 16);
        // SAFETY: `area` holds card_bytes(items) bytes and outlives `c`.
        let c = unsafe { Cards::new(area.as_mut_ptr() as usize, items) };
        assert!(!c.any());
        assert!(c.mark(5));
        assert!(!c.mark(100)); // same card
        assert!(c.mark(130));
        assert!(c.mark(999));
        assert!(!c.mark(1000)); // out of range
        assert!(c.is_marked(0) && c.is_marked(255) && !c.is_marked(256));
        let mut ranges = vec![];
        c.drain(|s, e| ranges.push((s, e)));
        assert_eq!(ranges, vec![(0, 256), (896, 1000)]);
        assert!(!c.any());
        c.mark(300);
        c.clear();
        assert!(!c.is_marked(300));
    }

    #[test]
    fn many_cards_span_words() {
        let items = CARD_ITEMS * 200;
        let mut area = vec![0u64; card_bytes(items) / 8];
        // SAFETY: as above.
        let c = unsafe { Cards::new(area.as_mut_ptr() as usize, items) };
        for card in (0..200).step_by(3) {
            c.mark(card * CARD_ITEMS + 7);
        }
        let mut n = 0;
        c.drain(|s, e| {
            assert_eq!(e - s, CARD_ITEMS);
            assert_eq!(s / CARD_ITEMS % 3, 0);
            n += 1;
        });
        assert_eq!(n, 67);
    }
}
