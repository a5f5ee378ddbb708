//! Waits on a node's mobility threads, for the tests that carry a mobility
//! between real nodes.

use vetnet_node::mobility::{Delivery, ThreadStatus};

use crate::{TestNode, wait_until};

/// Waits until `thread` has `status` on `node`.
pub async fn wait_for_status(node: &TestNode, thread: &str, status: ThreadStatus) {
    let name = node.node.info().institution.to_did();
    wait_until(&format!("thread {thread} is {} on {name}", status.as_str()), || async {
        node.node.mobility().show(thread).is_ok_and(|v| v.status() == status)
    })
    .await;
}

/// Waits until every step `node` took in `thread` has a receipt.
pub async fn wait_delivered(node: &TestNode, thread: &str) {
    wait_until(&format!("every step of {thread} is delivered"), || async {
        node.node
            .mobility()
            .show(thread)
            .is_ok_and(|v| v.log.entries.iter().all(|e| !matches!(e.delivery, Delivery::Pending { .. })))
    })
    .await;
}
