//! A small map kept as a list sorted by key and searched by bisection. The
//! importers' maps hold a few entries (NUMA nodes, page sizes, cores); a
//! list keeps the importer worker's wasm within its budget, where each
//! `BTreeMap` key and value type costs kilobytes of its own code.

/// Entries in key order, each key once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap(Vec::new())
    }
}

impl<K: Ord + Copy, V> SortedMap<K, V> {
    /// The value of `key`, added as the default when it is not there.
    pub fn entry(&mut self, key: K) -> &mut V
    where
        V: Default,
    {
        let at = match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (key, V::default()));
                at
            }
        };
        &mut self.0[at].1
    }

    pub fn get(&self, key: &K) -> Option<&V> {
        let at = self.0.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        Some(&self.0[at].1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn last_key(&self) -> Option<K> {
        self.0.last().map(|(k, _)| *k)
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn into_vec(self) -> Vec<(K, V)> {
        self.0
    }
}

impl<K: Ord + Copy, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        let mut map: SortedMap<K, V> = SortedMap::default();
        for (k, v) in entries {
            let at = map
                .0
                .binary_search_by(|(key, _)| key.cmp(&k))
                .unwrap_or_else(|at| at);
            map.0.insert(at, (k, v));
        }
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_stay_in_key_order_and_each_key_once() {
        let mut map: SortedMap<u32, u64> = SortedMap::default();
        *map.entry(3) += 1;
        *map.entry(1) += 5;
        *map.entry(3) += 1;
        assert_eq!(map.iter().collect::<Vec<_>>(), [(&1, &5), (&3, &2)]);
        assert_eq!(map.get(&3), Some(&2));
        assert_eq!(map.get(&2), None);
        assert_eq!(map.last_key(), Some(3));
        assert_eq!(map, SortedMap::from([(3, 2), (1, 5)]));
    }
}
