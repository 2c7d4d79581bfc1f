//! Support code for the workspace's own tests: locating the external checkers.
