//! Catch-up sync messages (`docs/PROTOCOL.md` "Catch-up sync"): the content
//! of one frame, without its 4-byte length.

use ciborium::Value;

use super::case;
use crate::case::{Case, Input};
use crate::cbor::{deterministic, text};

fn message(entries: Vec<(&str, Value)>) -> Vec<u8> {
    deterministic(&Value::Map(entries.into_iter().map(|(k, v)| (text(k), v)).collect()))
}

fn fetch(ids: Vec<Vec<u8>>) -> Vec<u8> {
    message(vec![("t", text("fetch")), ("ids", Value::Array(ids.into_iter().map(Value::Bytes).collect()))])
}

pub(super) fn cases() -> Vec<Case> {
    let request = |id, description, bytes| case(id, "sync", Input::SyncRequest, description, bytes);
    let response = |id, description, bytes| case(id, "sync", Input::SyncResponse, description, bytes);
    // The spec's example, in the order it gives: t, net, msg.
    let example = hex::decode("a36174697265636f6e63696c65636e657463627372636d73674161").unwrap_or_default();
    let mut trailing = fetch(vec![vec![0; 32]]);
    trailing.push(0);
    vec![
        request(
            "sync-reconcile-example",
            "The spec's example reconcile request {\"t\": \"reconcile\", \"net\": \"bsr\", \"msg\": h'61'}.",
            example,
        )
        .accept(),
        request("sync-fetch-valid", "A fetch of one 32-byte hash.", fetch(vec![vec![0x11; 32]])).accept(),
        request("sync-fetch-id-33", "A fetch whose hash is 33 bytes.", fetch(vec![vec![0x11; 33]]))
            .reject("ids", "every record hash must be 32 bytes"),
        request("sync-fetch-1025", "A fetch of 1025 hashes (at most 1024).", fetch(vec![vec![0x22; 32]; 1025]))
            .reject("ids", "at most 1024 records per fetch"),
        request("sync-unknown-type", "A request of type \"gimme\".", message(vec![("t", text("gimme"))]))
            .reject("t", "must be reconcile or fetch"),
        request(
            "sync-reconcile-no-msg",
            "A reconcile request without msg.",
            message(vec![("t", text("reconcile")), ("net", text("bsr"))]),
        )
        .reject("msg", "is required in a reconcile message"),
        request("sync-trailing-bytes", "A fetch followed by a byte 00.", trailing)
            .reject("message", "nothing may follow the message"),
        response(
            "sync-records-valid",
            "A records response with no records.",
            message(vec![("t", text("records")), ("records", Value::Array(vec![]))]),
        )
        .accept(),
        response(
            "sync-refused-valid",
            "A refused response with its reason.",
            message(vec![("t", text("refused")), ("reason", text("wrong network"))]),
        )
        .accept(),
        response(
            "sync-response-unknown-type",
            "A response of type \"fetch\" (a request type).",
            message(vec![("t", text("fetch")), ("ids", Value::Array(vec![]))]),
        )
        .reject("t", "must be reconcile, records or refused"),
    ]
}
