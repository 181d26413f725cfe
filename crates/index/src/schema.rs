//! The tantivy schema for the catalogue, its tokenizers and its version.
//!
//! Design, field by field:
//! - `title`, `provider`, `description`, `topics`, `entry`: English-stemmed text with
//!   positions (phrase queries need them); the title is boosted at query time, not here.
//! - `title_words`, `topics_words`: the same words unstemmed. tantivy stems before a fuzzy or
//!   prefix query sees a term, so typo tolerance ("improvment") and as-you-type prefixes
//!   ("improvement sci") need a copy of the words as written.
//! - `facets`: one hierarchical facet field, `/level/7`, `/delivery/distance`, ... (see
//!   [`crate::facets::Dimension`]); one field lets one collector count every dimension.
//! - `home_fee_gbp`, `ft_months_min|max`, `pt_months_min|max`: fast fields for range filters.
//! - `topics` also holds the report's search terms the record matches (`matched_terms`): the
//!   page was judged to be on "Improvement Science" even where it never says the two words
//!   together.
//! - `concepts`: untokenised, one term per vocabulary synonym group the record's text names
//!   ([`crate::vocabulary::ConceptFinder`]), so "QI" costs one term, not a phrase per name.
//! - `aliases`: untokenised, the vocabulary's names of what the record is (its facet lines
//!   the record meets: "part time", "online", "MSc", "level 7"), each one term of its stems
//!   ([`alias_term`]), so text finds a distance course that never says "online" while
//!   "science" alone does not match every MSc's "master of science".
//! - `lift`: fast f64, added to a matching record's text score (focus, verification; see
//!   `document::rank_lift`); a fast field, so only matching records pay for it.
//! - `id`: untokenised, for upsert by delete-term; `title_sort`: a fast string column to list
//!   browse results (no query words) alphabetically; `record`: the record's JSON, stored only.

use tantivy::Index;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// Bumped whenever a field, its options, a tokenizer or the vocabulary's facet lines change
/// (they decide each record's `aliases`): an index built by another
/// version is refused with [`crate::Error::SchemaMismatch`] instead of answering wrongly.
pub const SCHEMA_VERSION: u32 = 3;

/// What the index directory's version file says: [`SCHEMA_VERSION`] and the vocabulary's
/// fingerprint, since records are indexed under the vocabulary's groups and names.
pub fn version_stamp() -> String {
    format!("{SCHEMA_VERSION}+vocabulary-{}", crate::vocabulary::fingerprint())
}

/// File in the index directory holding `version_stamp`.
pub const SCHEMA_VERSION_FILE: &str = "schema-version";

/// Tokenizer for the stemmed text fields.
pub const STEMMED: &str = "coursemap_en_stem";
/// Tokenizer for the unstemmed copies.
pub const WORDS: &str = "coursemap_words";

/// Name of the rank-lift fast field.
pub const LIFT: &str = "lift";

/// Words longer than this are dropped (URLs pasted as text, base64): nobody searches them.
const MAX_TOKEN_LEN: usize = 40;

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: Field,
    pub title: Field,
    pub title_words: Field,
    pub title_sort: Field,
    pub provider: Field,
    pub description: Field,
    pub topics: Field,
    pub topics_words: Field,
    pub entry: Field,
    pub concepts: Field,
    pub aliases: Field,
    pub lift: Field,
    pub facets: Field,
    pub home_fee_gbp: Field,
    pub ft_months_min: Field,
    pub ft_months_max: Field,
    pub pt_months_min: Field,
    pub pt_months_max: Field,
    pub record: Field,
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let mut builder = Schema::builder();
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", text(STEMMED)),
        title_words: builder.add_text_field("title_words", text(WORDS)),
        title_sort: builder.add_text_field("title_sort", FAST),
        provider: builder.add_text_field("provider", text(STEMMED)),
        description: builder.add_text_field("description", text(STEMMED)),
        topics: builder.add_text_field("topics", text(STEMMED)),
        topics_words: builder.add_text_field("topics_words", text(WORDS)),
        entry: builder.add_text_field("entry", text(STEMMED)),
        concepts: builder.add_text_field("concepts", STRING),
        aliases: builder.add_text_field("aliases", STRING),
        lift: builder.add_f64_field(LIFT, FAST),
        facets: builder.add_facet_field("facets", FacetOptions::default()),
        home_fee_gbp: builder.add_f64_field("home_fee_gbp", FAST | INDEXED),
        ft_months_min: builder.add_u64_field("ft_months_min", FAST | INDEXED),
        ft_months_max: builder.add_u64_field("ft_months_max", FAST | INDEXED),
        pt_months_min: builder.add_u64_field("pt_months_min", FAST | INDEXED),
        pt_months_max: builder.add_u64_field("pt_months_max", FAST | INDEXED),
        record: builder.add_text_field("record", STORED),
    };
    (builder.build(), fields)
}

/// The analyzer of the stemmed fields; also used to find matched words for snippets.
pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// A vocabulary name as one term of the `aliases` field: its stems joined by spaces.
pub fn alias_term(stems: &[String]) -> String {
    stems.join(" ")
}

/// The analyzer of the unstemmed copies.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// tantivy keeps tokenizer names, not tokenizers, in the index: register ours on every open.
pub fn register_tokenizers(index: &Index) {
    index.tokenizers().register(STEMMED, stemmed_analyzer());
    index.tokenizers().register(WORDS, words_analyzer());
}

/// Field handles of an opened index, by name; `None` when a field is missing (another
/// schema).
pub fn fields_of(schema: &Schema) -> Option<Fields> {
    let get = |name: &str| schema.get_field(name).ok();
    Some(Fields {
        id: get("id")?,
        title: get("title")?,
        title_words: get("title_words")?,
        title_sort: get("title_sort")?,
        provider: get("provider")?,
        description: get("description")?,
        topics: get("topics")?,
        topics_words: get("topics_words")?,
        entry: get("entry")?,
        concepts: get("concepts")?,
        aliases: get("aliases")?,
        lift: get(LIFT)?,
        facets: get("facets")?,
        home_fee_gbp: get("home_fee_gbp")?,
        ft_months_min: get("ft_months_min")?,
        ft_months_max: get("ft_months_max")?,
        pt_months_min: get("pt_months_min")?,
        pt_months_max: get("pt_months_max")?,
        record: get("record")?,
    })
}
