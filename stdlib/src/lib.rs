//! gilpy standard library modules.
