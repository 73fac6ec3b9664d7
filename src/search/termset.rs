//! A constant-score query over the terms of one field that a rule picks out of each
//! segment's dictionary. Prefix and fuzzy words (`forms`) and path globs (`paths`) differ
//! only in the rule; the caching of the picked terms and the union of their postings are
//! shared here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::query::{BitSetDocSet, ConstScorer, Explanation, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::TermDictionary;
use tantivy::{BitSet, DocId, DocSet, Score, SegmentReader, TantivyError};

/// Picks the matching terms out of a segment's dictionary of one field.
pub(crate) trait TermPicker: Send + Sync + 'static {
    /// The query's name in explanations.
    const NAME: &'static str;

    /// The matching terms of `dict`.
    fn pick(&self, dict: &TermDictionary) -> tantivy::Result<Vec<TermInfo>>;
}

/// The terms picked in each segment. A search may run one query several times (counting,
/// then ranking until ties are settled); the dictionary is walked once.
pub(crate) type TermCache = Arc<Mutex<HashMap<SegmentId, Arc<Vec<TermInfo>>>>>;

/// The articles holding any term `picker` picks in `field`, their postings united
/// (constant score: these queries restrict or match loosely, they do not rank).
pub(crate) struct TermSetWeight<P> {
    pub(crate) field: Field,
    pub(crate) picker: Arc<P>,
    pub(crate) terms: TermCache,
}

impl<P: TermPicker> TermSetWeight<P> {
    /// The picked terms of the field in `reader`'s segment.
    fn terms(&self, reader: &SegmentReader) -> tantivy::Result<Arc<Vec<TermInfo>>> {
        let key = reader.segment_id();
        if let Some(found) = self.terms.lock().expect("no panic while held").get(&key) {
            return Ok(found.clone());
        }
        let inverted = reader.inverted_index(self.field)?;
        let found = Arc::new(self.picker.pick(inverted.terms())?);
        self.terms
            .lock()
            .expect("no panic while held")
            .insert(key, found.clone());
        Ok(found)
    }
}

impl<P: TermPicker> Weight for TermSetWeight<P> {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut docs = BitSet::with_max_value(reader.max_doc());
        for info in self.terms(reader)?.iter() {
            let mut postings =
                inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
            loop {
                let block = postings.docs();
                if block.is_empty() {
                    break;
                }
                for &doc in block {
                    docs.insert(doc);
                }
                postings.advance();
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new(P::NAME, 1.0))
        } else {
            Err(TantivyError::InvalidArgument(
                "the document does not match".to_owned(),
            ))
        }
    }
}
