//! Stage 4 (index), merge policy: which segments the writer merges after a commit.
//! tantivy's `LogMergePolicy` merges every segment of a size level at once: after a 1 GB
//! ingest, twenty fresh segments became one merge that read (mapped) the whole index, and
//! peak RSS rose by the index's size. [`BoundedMerges`] keeps the log policy's choice of
//! levels but splits each of its merges into parts of at most [`MAX_MERGE_DOCS`]
//! documents, and the writer runs one merge at a time, so a merge maps a bounded part of
//! the index whatever the corpus size.

use std::collections::HashMap;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Most documents (sentence and file records) in one merge. About 170 MB of index with
/// State of the Union sentences: what a merge may map at once. A corpus larger than a few
/// times this ends with several segments of about this size (a query reads each one's
/// term dictionary: a few hundred microseconds more per segment, BENCHMARKS.md).
pub const MAX_MERGE_DOCS: u64 = 1_000_000;

/// `LogMergePolicy`'s merges, each split into consecutive parts of at most `max_docs`
/// documents; a part of one segment is no merge.
#[derive(Debug, Clone)]
pub struct BoundedMerges {
    log: LogMergePolicy,
    max_docs: u64,
}

impl BoundedMerges {
    pub fn new(max_docs: u64) -> BoundedMerges {
        BoundedMerges {
            log: LogMergePolicy::default(),
            max_docs,
        }
    }
}

impl Default for BoundedMerges {
    fn default() -> BoundedMerges {
        BoundedMerges::new(MAX_MERGE_DOCS)
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs: HashMap<SegmentId, u64> = segments
            .iter()
            .map(|s| (s.id(), u64::from(s.num_docs())))
            .collect();
        let mut parts: Vec<Vec<SegmentId>> = Vec::new();
        for MergeCandidate(ids) in self.log.compute_merge_candidates(segments) {
            // A new part starts with each candidate, and wherever the next segment would
            // take the current part over the bound.
            let mut total = u64::MAX;
            for id in ids {
                let n = docs.get(&id).copied().unwrap_or(0);
                match parts.last_mut() {
                    Some(part) if total.saturating_add(n) <= self.max_docs => {
                        part.push(id);
                        total += n;
                    }
                    _ => {
                        parts.push(vec![id]);
                        total = n;
                    }
                }
            }
        }
        parts
            .into_iter()
            .filter(|p| p.len() > 1)
            .map(MergeCandidate)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::{Index, schema::Schema};

    /// Segment metas with these document counts (no deletes).
    fn metas(counts: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Schema::builder().build());
        counts
            .iter()
            .map(|&n| index.new_segment_meta(SegmentId::generate_random(), n))
            .collect()
    }

    fn sizes(policy: &BoundedMerges, counts: &[u32]) -> Vec<Vec<u32>> {
        let ms = metas(counts);
        let by_id: HashMap<SegmentId, u32> = ms.iter().map(|m| (m.id(), m.num_docs())).collect();
        policy
            .compute_merge_candidates(&ms)
            .into_iter()
            .map(|c| c.0.iter().map(|id| by_id[id]).collect())
            .collect()
    }

    #[test]
    fn a_level_is_merged_in_parts_of_bounded_size() {
        // Twenty segments of one level: the log policy merges all twenty at once.
        let counts = vec![300_000; 20];
        let unbounded = BoundedMerges::new(u64::MAX);
        assert_eq!(sizes(&unbounded, &counts), vec![vec![300_000; 20]]);
        let parts = sizes(&BoundedMerges::new(1_000_000), &counts);
        // Six parts of three and one of the last two.
        assert_eq!(parts.len(), 7, "{parts:?}");
        for p in &parts {
            assert!(p.len() >= 2);
            assert!(p.iter().map(|&n| u64::from(n)).sum::<u64>() <= 1_000_000);
        }
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 20);
        // Twenty-two: the last segment is left over (a merge of one is none).
        let parts = sizes(&BoundedMerges::new(1_000_000), &[300_000; 22]);
        assert_eq!(parts.len(), 7);
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 21);
    }

    #[test]
    fn segments_at_the_bound_are_left_alone() {
        // Eight segments of one level, each already as large as a merge may be.
        assert!(sizes(&BoundedMerges::new(1_000_000), &[900_000; 8]).is_empty());
        // Fewer segments than the log policy merges: nothing, as before.
        assert!(sizes(&BoundedMerges::new(1_000_000), &[1_000; 5]).is_empty());
        // Small segments all fit in one part.
        assert_eq!(
            sizes(&BoundedMerges::new(1_000_000), &[1_000; 9]),
            vec![vec![1_000; 9]]
        );
    }
}
