//! Index reader: exact filters (theme, author, actor, claim) as term queries combined with
//! BM25 full-text search over sentences (English stemming). Results come back as the stored
//! [`Record`]s, ranked by score, or in document order (path, then sentence) without text.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Index, Order, Searcher, TantivyDocument, Term};

use super::schema::{self, Fields, KIND_DOC};
use super::{DocRecord, IndexMeta, StoredSentence, index_error, read_meta, tantivy_error};
use crate::error::{Error, Result};
use crate::record::{DocFields, Record, Shared};

/// A document record with the fields its sentence records share.
type CachedDoc = (Rc<DocRecord>, Shared);

/// Which sentences a query may return.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Every entry must hold: the sentence carries at least one theme of each entry (an
    /// entry is one theme id, or a quanteda parent's children).
    pub themes: Vec<Vec<String>>,
    /// Case-insensitive part of an author's name.
    pub author: Option<String>,
    /// Case-insensitive part of the name of who is reported or quoted (`voice` is
    /// `reported`/`quoted`, or a transcript's speaker label).
    pub speaker: Option<String>,
    /// Every actor listed must be mentioned.
    pub actors: Vec<String>,
    /// Include body sentences that are not claims.
    pub all: bool,
    /// Only this document.
    pub doc_id: Option<String>,
    /// Only these documents (from date, publisher and `--doc` filters); empty matches
    /// nothing.
    pub doc_ids: Option<Vec<String>>,
    /// Only body sentences that carry a theme but are not claims (overrides `all`).
    pub themed: bool,
    /// Only documents of this genre (`opinion`, `news`, ...; case-insensitive).
    pub genre: Option<String>,
    /// Only sentences that carry no theme.
    pub untagged: bool,
}

impl Filter {
    /// This filter, narrowed to sentences that also carry `theme`.
    pub fn with_theme(&self, theme: &str) -> Filter {
        let mut f = self.clone();
        f.themes.push(vec![theme.to_string()]);
        f
    }
}

/// An open, read-only view of the index.
pub struct Reader {
    dir: PathBuf,
    index: Index,
    searcher: Searcher,
    f: Fields,
    /// Document records already read, by file id.
    docs_cache: RefCell<HashMap<String, CachedDoc>>,
    /// argdex's metadata for this index.
    pub meta: IndexMeta,
}

impl Reader {
    /// Open the index at `dir`.
    pub fn open(dir: &Path) -> Result<Reader> {
        if !dir.join("meta.json").exists() {
            return Err(index_error(
                dir,
                "no argdex index here; run `argdex ingest PATH...` first (or pass --index DIR)",
            ));
        }
        let meta = read_meta(dir)?;
        let index = Index::open_in_dir(dir).map_err(|e| tantivy_error(dir, e))?;
        super::tokenizer::register(&index);
        let f = schema::fields_of(&index.schema()).map_err(|_| {
            index_error(
                dir,
                "schema does not match this argdex; run `argdex ingest --rebuild PATH...`",
            )
        })?;
        let (index, reader) = match index.reader() {
            Ok(r) => (index, r),
            // Read-only media: the reader's short lock file cannot be created there.
            Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::IoError(_),
                _,
            )) => {
                let lock_free = super::readonly::LockFree(
                    tantivy::directory::MmapDirectory::open(dir)
                        .map_err(|e| index_error(dir, e.to_string()))?,
                );
                let index = Index::open(lock_free).map_err(|e| tantivy_error(dir, e))?;
                super::tokenizer::register(&index);
                let reader = index.reader().map_err(|e| tantivy_error(dir, e))?;
                (index, reader)
            }
            Err(e) => return Err(tantivy_error(dir, e)),
        };
        Ok(Reader {
            dir: dir.to_path_buf(),
            searcher: reader.searcher(),
            index,
            f,
            docs_cache: RefCell::new(HashMap::new()),
            meta,
        })
    }

    fn err(&self, e: tantivy::TantivyError) -> Error {
        tantivy_error(&self.dir, e)
    }

    fn term(&self, field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    }

    /// Author terms (lower-cased full names) containing `needle`.
    fn author_terms(&self, needle: &str) -> Result<Vec<Term>> {
        self.terms_containing(self.f.authors, needle)
    }

    /// Terms of an exact, lower-cased field that contain `needle`.
    fn terms_containing(&self, field: tantivy::schema::Field, needle: &str) -> Result<Vec<Term>> {
        let needle = needle.to_lowercase();
        let mut names = BTreeSet::new();
        for seg in self.searcher.segment_readers() {
            let inv = seg.inverted_index(field).map_err(|e| self.err(e))?;
            let mut stream = inv
                .terms()
                .stream()
                .map_err(|e| index_error(&self.dir, e.to_string()))?;
            while stream.advance() {
                if let Ok(name) = std::str::from_utf8(stream.key())
                    && name.contains(&needle)
                {
                    names.insert(name.to_string());
                }
            }
        }
        Ok(names
            .into_iter()
            .map(|n| Term::from_field_text(field, &n))
            .collect())
    }

    fn build_query(&self, text: Option<&str>, filter: &Filter) -> Result<Box<dyn Query>> {
        // Only sentences have `is_claim`: its value, or either value, is what makes the
        // query one over sentences.
        let claim = |v: u64| Term::from_field_u64(self.f.is_claim, v);
        let sentences: Box<dyn Query> = if filter.themed {
            Box::new(TermQuery::new(claim(0), IndexRecordOption::Basic))
        } else if filter.all {
            Box::new(TermSetQuery::new([claim(0), claim(1)]))
        } else {
            Box::new(TermQuery::new(claim(1), IndexRecordOption::Basic))
        };
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, sentences)];
        if let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) {
            let mut parser = QueryParser::for_index(&self.index, vec![self.f.text]);
            parser.set_conjunction_by_default();
            let (q, _errors) = parser.parse_query_lenient(text);
            must.push((Occur::Must, q));
        }
        if filter.themed {
            let any_theme = self
                .meta
                .themes
                .iter()
                .map(|t| Term::from_field_text(self.f.themes, t));
            must.push((Occur::Must, Box::new(TermSetQuery::new(any_theme))));
        }
        for any in &filter.themes {
            let terms = any.iter().map(|t| Term::from_field_text(self.f.themes, t));
            must.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if filter.untagged {
            let any_theme = self
                .meta
                .themes
                .iter()
                .map(|t| Term::from_field_text(self.f.themes, t));
            must.push((Occur::MustNot, Box::new(TermSetQuery::new(any_theme))));
        }
        for a in &filter.actors {
            must.push((Occur::Must, self.term(self.f.actors, &a.to_lowercase())));
        }
        if let Some(speaker) = &filter.speaker {
            must.push((
                Occur::Must,
                Box::new(TermSetQuery::new(
                    self.terms_containing(self.f.speaker, speaker)?,
                )),
            ));
        }
        if let Some(author) = &filter.author {
            must.push((
                Occur::Must,
                Box::new(TermSetQuery::new(self.author_terms(author)?)),
            ));
        }
        if let Some(id) = &filter.doc_id {
            must.push((Occur::Must, self.term(self.f.doc_id, id)));
        }
        if let Some(ids) = &filter.doc_ids {
            let terms = ids.iter().map(|t| Term::from_field_text(self.f.doc_id, t));
            must.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if let Some(genre) = &filter.genre {
            must.push((
                Occur::Must,
                self.term(self.f.genre, &genre.trim().to_lowercase()),
            ));
        }
        Ok(Box::new(BooleanQuery::new(must)))
    }

    fn load<T: serde::de::DeserializeOwned>(&self, addr: DocAddress) -> Result<T> {
        let doc: TantivyDocument = self.searcher.doc(addr).map_err(|e| self.err(e))?;
        let json = doc
            .get_first(self.f.record)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        serde_json::from_str(json)
            .map_err(|e| index_error(&self.dir, format!("stored record is corrupted: {e}")))
    }

    /// The document record of a file id and its shared record fields (cached).
    fn doc_of(&self, file_id: &str) -> Result<CachedDoc> {
        if let Some(d) = self.docs_cache.borrow().get(file_id) {
            return Ok(d.clone());
        }
        let q = BooleanQuery::new(vec![
            (Occur::Must, self.term(self.f.kind, KIND_DOC)),
            (Occur::Must, self.term(self.f.key, file_id)),
        ]);
        let hits = self
            .searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| self.err(e))?;
        let Some((_, addr)) = hits.first() else {
            return Err(index_error(
                &self.dir,
                format!(
                    "sentence of unknown file {file_id}; run `argdex ingest --rebuild PATH...`"
                ),
            ));
        };
        let record: DocRecord = self.load(*addr)?;
        let fields = Shared(Arc::new(DocFields::of(&record.path, &record.meta)));
        let doc = (Rc::new(record), fields);
        self.docs_cache
            .borrow_mut()
            .insert(file_id.to_string(), doc.clone());
        Ok(doc)
    }

    /// A full record from a sentence document.
    fn load_record(&self, addr: DocAddress) -> Result<Record> {
        let s: StoredSentence = self.load(addr)?;
        let (doc, fields) = self.doc_of(&s.file_id)?;
        Ok(s.into_record(&doc, &fields))
    }

    /// Search: ranked by BM25 when `text` is given, else in document order.
    pub fn search(&self, text: Option<&str>, filter: &Filter, limit: usize) -> Result<Vec<Record>> {
        Ok(self.search_counted(text, filter, limit)?.0)
    }

    /// [`Reader::search`], and how many records match in all (what [`Reader::count`]
    /// gives), from the same pass over the postings.
    pub fn search_counted(
        &self,
        text: Option<&str>,
        filter: &Filter,
        limit: usize,
    ) -> Result<(Vec<Record>, usize)> {
        if limit == 0 {
            return Ok((Vec::new(), self.count(text, filter)?));
        }
        let query = self.build_query(text, filter)?;
        let limit = limit.min(self.searcher.num_docs() as usize).max(1);
        let has_text = text.is_some_and(|t| !t.trim().is_empty());
        let (addrs, total) = if has_text {
            // Equal scores in document order: without the tie-break, which of two equally
            // relevant sentences comes first depended on how the indexing threads had
            // split the documents into segments.
            self.top_and_count(
                &query,
                limit,
                (
                    (SortBySimilarityScore, Order::Desc),
                    (SortByString::for_field("path"), Order::Asc),
                    (
                        SortByStaticFastValue::<u64>::for_field("sentence"),
                        Order::Asc,
                    ),
                ),
            )?
        } else {
            self.top_and_count(
                &query,
                limit,
                (
                    (SortByString::for_field("path"), Order::Asc),
                    (
                        SortByStaticFastValue::<u64>::for_field("sentence"),
                        Order::Asc,
                    ),
                ),
            )?
        };
        let records = addrs
            .into_iter()
            .map(|a| self.load_record(a))
            .collect::<Result<_>>()?;
        Ok((records, total))
    }

    /// The first `limit` matches of `query` in `order`, and how many match in all.
    fn top_and_count<K>(
        &self,
        query: &dyn Query,
        limit: usize,
        order: impl tantivy::collector::SortKeyComputer<SortKey = K> + Send + 'static,
    ) -> Result<(Vec<DocAddress>, usize)>
    where
        K: 'static + Clone + Send + Sync + std::fmt::Debug,
    {
        let collector = (
            TopDocs::with_limit(limit).order_by(order),
            tantivy::collector::Count,
        );
        let (top, total) = self
            .searcher
            .search(query, &collector)
            .map_err(|e| self.err(e))?;
        Ok((top.into_iter().map(|(_, a)| a).collect(), total))
    }

    /// How many records match (without loading any): tells `query` whether `--limit`
    /// cut the list short.
    pub fn count(&self, text: Option<&str>, filter: &Filter) -> Result<usize> {
        let query = self.build_query(text, filter)?;
        self.searcher
            .search(&query, &tantivy::collector::Count)
            .map_err(|e| self.err(e))
    }

    /// How many records match each filter, per document id, read from the `doc_id`
    /// postings (no stored record is loaded, one pass over the postings for all filters):
    /// the counts behind `report`'s heat map and a filtered `stats` at any corpus size.
    pub fn counts_by_doc(
        &self,
        text: Option<&str>,
        filters: &[Filter],
    ) -> Result<Vec<BTreeMap<String, usize>>> {
        // Per filter, per segment: the matching documents as a bit set.
        let segments = self.searcher.segment_readers();
        let mut members: Vec<Vec<Vec<u64>>> = Vec::with_capacity(filters.len());
        for filter in filters {
            let query = self.build_query(text, filter)?;
            let hits = self
                .searcher
                .search(&query, &DocSetCollector)
                .map_err(|e| self.err(e))?;
            let mut sets: Vec<Vec<u64>> = segments
                .iter()
                .map(|seg| vec![0u64; (seg.max_doc() as usize).div_ceil(64)])
                .collect();
            for a in &hits {
                if let Some(w) = sets
                    .get_mut(a.segment_ord as usize)
                    .and_then(|set| set.get_mut(a.doc_id as usize / 64))
                {
                    *w |= 1 << (a.doc_id % 64);
                }
            }
            members.push(sets);
        }
        let mut out: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); filters.len()];
        for (k, seg) in segments.iter().enumerate() {
            let inv = seg.inverted_index(self.f.doc_id).map_err(|e| self.err(e))?;
            let mut stream = inv
                .terms()
                .stream()
                .map_err(|e| index_error(&self.dir, e.to_string()))?;
            let mut n = vec![0usize; filters.len()];
            while stream.advance() {
                let mut postings = inv
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(|e| index_error(&self.dir, e.to_string()))?;
                n.iter_mut().for_each(|x| *x = 0);
                let mut d = postings.doc();
                while d != tantivy::TERMINATED {
                    for (i, sets) in members.iter().enumerate() {
                        if sets[k]
                            .get(d as usize / 64)
                            .is_some_and(|w| w & (1 << (d % 64)) != 0)
                        {
                            n[i] += 1;
                        }
                    }
                    d = postings.advance();
                }
                if n.iter().any(|&x| x > 0) {
                    let id = String::from_utf8_lossy(stream.key()).into_owned();
                    for (i, &x) in n.iter().enumerate() {
                        if x > 0 {
                            *out[i].entry(id.clone()).or_default() += x;
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Every matching record in document order, streamed to `each`. Returns the count.
    pub fn for_each(
        &self,
        text: Option<&str>,
        filter: &Filter,
        mut each: impl FnMut(Record) -> Result<()>,
    ) -> Result<usize> {
        let query = self.build_query(text, filter)?;
        let hits = self
            .searcher
            .search(&query, &DocSetCollector)
            .map_err(|e| self.err(e))?;
        let mut keyed = Vec::with_capacity(hits.len());
        let mut path = String::new();
        for seg_ord in hits.iter().map(|a| a.segment_ord).collect::<BTreeSet<_>>() {
            let seg = self.searcher.segment_reader(seg_ord);
            let ff = seg.fast_fields();
            let paths = ff.str("path").map_err(|e| self.err(e))?;
            let sentences = ff.u64("sentence").map_err(|e| self.err(e))?;
            for a in hits.iter().filter(|a| a.segment_ord == seg_ord) {
                path.clear();
                if let Some(col) = &paths
                    && let Some(ord) = col.term_ords(a.doc_id).next()
                {
                    let _ = col.ord_to_str(ord, &mut path);
                }
                keyed.push((path.clone(), sentences.first(a.doc_id).unwrap_or(0), *a));
            }
        }
        keyed.sort();
        let n = keyed.len();
        for (_, _, addr) in keyed {
            each(self.load_record(addr)?)?;
        }
        Ok(n)
    }

    /// Every body sentence of a document, in order (for context around a hit).
    pub fn sentences_of(&self, doc_id: &str) -> Result<Vec<Record>> {
        let filter = Filter {
            all: true,
            doc_id: Some(doc_id.to_string()),
            ..Filter::default()
        };
        let mut out = Vec::new();
        self.for_each(None, &filter, |r| {
            out.push(r);
            Ok(())
        })?;
        out.sort_by_key(|r| r.sentence);
        Ok(out)
    }

    /// Fill `context_before`/`context_after` of `r` with up to `n` sentences of its
    /// document on each side; `cache` keeps each document's sentences once read.
    pub fn add_context(
        &self,
        r: &mut Record,
        n: usize,
        cache: &mut HashMap<String, Vec<crate::record::ContextSentence>>,
    ) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        if !cache.contains_key(&r.doc_id) {
            let all = self
                .sentences_of(&r.doc_id)?
                .into_iter()
                .map(|s| crate::record::ContextSentence {
                    sentence: s.sentence,
                    paragraph: s.paragraph,
                    text: s.text,
                })
                .collect();
            cache.insert(r.doc_id.clone(), all);
        }
        let Some(all) = cache.get(&r.doc_id) else {
            return Ok(());
        };
        let lo = r.sentence.saturating_sub(n);
        let hi = r.sentence.saturating_add(n);
        r.context_before = all
            .iter()
            .filter(|s| s.sentence >= lo && s.sentence < r.sentence)
            .cloned()
            .collect();
        r.context_after = all
            .iter()
            .filter(|s| s.sentence > r.sentence && s.sentence <= hi)
            .cloned()
            .collect();
        Ok(())
    }

    /// A sentence record by its id (`DOCID-N`, as `query`/`export` print it).
    pub fn sentence_by_id(&self, id: &str) -> Result<Option<Record>> {
        let Some((doc_id, n)) = id.trim().rsplit_once('-') else {
            return Ok(None);
        };
        let Ok(n) = n.parse::<usize>() else {
            return Ok(None);
        };
        Ok(self
            .sentences_of(doc_id)?
            .into_iter()
            .find(|r| r.sentence == n))
    }

    /// Every indexed document, ordered by path.
    pub fn docs(&self) -> Result<Vec<DocRecord>> {
        let hits = super::schema::doc_record_addresses(&self.searcher, &self.f)
            .map_err(|e| self.err(e))?;
        let mut docs: Vec<DocRecord> = hits
            .into_iter()
            .map(|a| self.load(a))
            .collect::<Result<_>>()?;
        docs.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(docs)
    }

    /// Find a document by id, path as given, or a unique path suffix / file name.
    pub fn find_doc(&self, needle: &str) -> Result<Option<DocRecord>> {
        let docs = self.docs()?;
        if let Some(d) = docs.iter().find(|d| {
            d.doc_id == needle
                || d.files()
                    .iter()
                    .any(|f| f.path == needle || f.key == needle)
        }) {
            return Ok(Some(d.clone()));
        }
        let matches: Vec<&DocRecord> = docs
            .iter()
            .filter(|d| {
                d.doc_id.starts_with(needle)
                    || d.files().iter().any(|f| {
                        let name = Path::new(&f.path)
                            .file_name()
                            .and_then(|n| n.to_str())
                            .unwrap_or("");
                        f.path.ends_with(needle) || name.starts_with(needle)
                    })
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(Some((*one).clone())),
            [] => Ok(None),
            many => Err(Error::Query(format!(
                "{needle:?} matches {} documents ({}); be more specific",
                many.len(),
                many.iter()
                    .map(|d| d.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}
