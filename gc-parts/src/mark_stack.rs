//! A mark stack of object addresses (grey objects), for tracing collectors.
//!
//! It is a plain growable stack of words that keeps its capacity between
//! collections, so tracing never allocates per object once the stack has
//! grown to the heap's needs. It records its high-water mark for statistics.

/// A stack of object addresses waiting to be scanned.
#[derive(Debug, Default)]
pub struct MarkStack {
    items: Vec<usize>,
    high_water: usize,
}

impl MarkStack {
    /// An empty stack.
    pub fn new() -> MarkStack {
        MarkStack {
            items: Vec::with_capacity(1024),
            high_water: 0,
        }
    }

    /// Pushes an address.
    #[inline(always)]
    pub fn push(&mut self, addr: usize) {
        self.items.push(addr);
    }

    /// Pops the most recently pushed address.
    #[inline(always)]
    pub fn pop(&mut self) -> Option<usize> {
        if self.items.len() > self.high_water {
            self.high_water = self.items.len();
        }
        self.items.pop()
    }

    /// Number of addresses on the stack.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the stack is empty.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Drops every entry, keeping the capacity.
    pub fn clear(&mut self) {
        self.items.clear();
    }

    /// The entries, bottom first (verification, debugging).
    pub fn as_slice(&self) -> &[usize] {
        &self.items
    }

    /// Keeps only the entries for which `keep` returns true.
    pub fn retain(&mut self, keep: impl FnMut(&usize) -> bool) {
        self.items.retain(keep)
    }

    /// The largest depth seen so far.
    pub fn high_water(&self) -> usize {
        self.high_water.max(self.items.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifo_and_high_water() {
        let mut s = MarkStack::new();
        for i in 1..=100usize {
            s.push(i * 8);
        }
        assert_eq!(s.len(), 100);
        assert_eq!(s.pop(), Some(800));
        let mut n = 1;
        while s.pop().is_some() {
            n += 1;
        }
        assert_eq!(n, 100);
        assert!(s.is_empty());
        assert_eq!(s.high_water(), 100);
        s.push(8);
        s.push(16);
        s.retain(|&a| a != 8);
        assert_eq!(s.as_slice(), &[16]);
        s.clear();
        assert_eq!(s.pop(), None);
    }
}
