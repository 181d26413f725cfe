//! Integration tests of `coursemap-sampleweb`: the sample web's answer key, server and tables.
//!
//! One test binary per crate (each module was a binary of its own): every binary links the
//! whole dependency tree, so fewer of them build faster and take far less disk.

mod answer_key;
mod serve;
mod tables;
