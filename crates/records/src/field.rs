//! Record field names, typed: the keys of a record's evidence, the fields a diff, an override
//! or a spreadsheet column speaks of, and the labels people read for them.

crate::vocabulary!(
    /// A top-level field of [`crate::Record`], named as the record format names it.
    Field {
        /// `id`: the stable record id.
        Id => "id",
        /// `url`: the canonical URL of the page the record came from.
        Url => "url",
        /// `title`: the course's title.
        Title => "title",
        /// `provider`: the institution's name.
        Provider => "provider",
        /// `provider_id`: the provider's id in the seeds.
        ProviderId => "provider_id",
        /// `kind`: programme, module, short course or fellowship.
        Kind => "kind",
        /// `awards`: the normalised final awards.
        Awards => "awards",
        /// `fheq_levels`: the FHEQ levels the course is offered at.
        FheqLevels => "fheq_levels",
        /// `postgraduate_unspecified`: only "postgraduate" is known.
        PostgraduateUnspecified => "postgraduate_unspecified",
        /// `entry`: entry requirements.
        Entry => "entry",
        /// `length`: length of study.
        Length => "length",
        /// `delivery`: how the course is taught.
        Delivery => "delivery",
        /// `cost`: fees, free places and stipends.
        Cost => "cost",
        /// `topics`: the topics the page lists.
        Topics => "topics",
        /// `description`: the plain-text description.
        Description => "description",
        /// `matched_terms`: the seed search terms the page matches.
        MatchedTerms => "matched_terms",
        /// `focus`: whether improvement is the subject or a part of it.
        Focus => "focus",
        /// `evidence`: where each field's value came from.
        Evidence => "evidence",
        /// `verified`: confirmed in the verification round trip.
        Verified => "verified",
        /// `fetched_at`: when the source page was fetched.
        FetchedAt => "fetched_at",
        /// `content_sha256`: the hash of the fetched body.
        ContentSha256 => "content_sha256",
        /// `region` (extension): the provider's region.
        Region => "region",
        /// `nation` (extension): the provider's nation.
        Nation => "nation",
        /// `uk_region` (extension): the provider's region of the UK.
        UkRegion => "uk_region",
        /// `entry_year` (extension): the academic year of entry the page describes.
        EntryYear => "entry_year",
        /// `status` (extension): recruiting, closed this year or discontinued.
        Status => "status",
        /// `merged_urls` (extension): other pages merged into the record.
        MergedUrls => "merged_urls",
        /// `archived` (extension): the WARC capture of the record's page.
        Archived => "archived",
    }
);

impl Field {
    /// Plain words for people (the course page's and the spreadsheet's headings).
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "Id",
            Field::Url => "Web page",
            Field::Title => "Title",
            Field::Provider => "Provider",
            Field::ProviderId => "Provider id",
            Field::Kind => "Kind",
            Field::Awards => "Awards",
            Field::FheqLevels => "FHEQ level",
            Field::PostgraduateUnspecified => "Level",
            Field::Entry => "Entry requirements",
            Field::Length => "Length",
            Field::Delivery => "Delivery",
            Field::Cost => "Fees",
            Field::Topics => "Topics",
            Field::Description => "Description",
            Field::MatchedTerms => "Search terms matched",
            Field::Focus => "Focus",
            Field::Evidence => "Evidence",
            Field::Verified => "Verified",
            Field::FetchedAt => "Fetched",
            Field::ContentSha256 => "Content hash",
            Field::Region => "Region",
            Field::Nation => "Nation",
            Field::UkRegion => "UK region",
            Field::EntryYear => "Year of entry",
            Field::Status => "Status",
            Field::MergedUrls => "Also described at",
            Field::Archived => "Archived copy",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Record;

    /// The names are the record format's: every field a full record serialises, and no other.
    #[test]
    fn every_record_field_has_its_name_and_no_other() {
        let mut record = Record::new("a", "https://example.ac.uk/a", "A", crate::Kind::Module);
        record.region = Some(crate::Region::South);
        record.nation = Some(crate::Nation::England);
        record.uk_region = Some(crate::UkRegion::London);
        record.entry_year = "2025/26".parse().ok();
        record.status = Some(crate::Status::Closed);
        record.merged_urls = vec!["https://example.ac.uk/b".to_owned()];
        record.archived = Some(crate::Archived {
            warc_file: "coursemap-20261127T030000Z-00000.warc.gz".to_owned(),
            warc_offset: 0,
            warc_record_id: "<urn:uuid:00000000-0000-4000-8000-000000000000>".to_owned(),
        });
        let json = serde_json::to_value(&record).expect("serialises");
        let keys: Vec<&str> =
            json.as_object().expect("an object").keys().map(String::as_str).collect();
        let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        names.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, names);
    }
}
