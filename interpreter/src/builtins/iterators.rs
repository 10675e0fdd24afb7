//! Iterators over built-in containers.
pub enum NativeIter {}
