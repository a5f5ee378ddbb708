//! The rules of a mobility thread (`Thread::check`, `push`, `truncate`,
//! `status`, `next_steps`): the input is a sequence of up to 16 operations
//! that sign real steps of every kind, with fields, author, receiver and
//! place in the chain chosen by the input, and push them into a thread, or
//! truncate it, or replay an earlier step. `vetnet_fuzz::mobility::run`
//! reads the input and checks the thread's invariants after every operation.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    vetnet_fuzz::mobility::run(data, false);
});
