//! Joining without a flag: a node started with no `--bootstrap` joins
//! through its network's default bootstrap list, a `/dnsaddr/` name,
//! resolved from a local DNS name in the test.
//!
//! The system resolver is not ours to change, so the new node is pointed at
//! a DNS server of the test's own (`[dns] nameservers`): a small server on
//! loopback UDP that answers the `_dnsaddr.` TXT query of the default name
//! with the bootstrap node's address, in real DNS messages (hickory-proto,
//! the DNS library libp2p's resolver is built on).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use hickory_proto::op::{Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::TXT;
use hickory_proto::rr::{Name, RData, Record, RecordType};
use libp2p::Multiaddr;
use tokio::net::UdpSocket;
use vetnet_node::config::{Config, DnsSettings};
use vetnet_node::publish::PublishMode;
use vetnet_node::search::OfferQuery;
use vetnet_tests::{offer, spawn, spawn_with, test_config, wait_until};

/// A DNS server on loopback UDP that knows one name: `_dnsaddr.<name>`, a
/// TXT record `dnsaddr=<addr>`. Every other question is answered NXDOMAIN.
/// Keeps the questions it was asked.
struct DnsaddrServer {
    addr: SocketAddr,
    questions: Arc<Mutex<Vec<(String, RecordType)>>>,
    task: tokio::task::JoinHandle<()>,
}

impl DnsaddrServer {
    async fn start(name: &str, addr: &Multiaddr) -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("binds a UDP port on loopback");
        let local = socket.local_addr().expect("has an address");
        let owner = Name::from_ascii(format!("_dnsaddr.{name}.")).expect("a DNS name");
        let txt = format!("dnsaddr={addr}");
        let questions = Arc::new(Mutex::new(Vec::new()));
        let asked = questions.clone();
        let task = tokio::spawn(async move {
            let mut buffer = [0u8; 1500];
            while let Ok((len, from)) = socket.recv_from(&mut buffer).await {
                let Ok(query) = Message::from_vec(&buffer[..len]) else { continue };
                let answer = answer(&query, &owner, &txt, &asked);
                if let Ok(bytes) = answer.to_vec() {
                    let _ = socket.send_to(&bytes, from).await;
                }
            }
        });
        Self { addr: local, questions, task }
    }

    fn questions(&self) -> Vec<(String, RecordType)> {
        self.questions.lock().expect("not poisoned").clone()
    }
}

impl Drop for DnsaddrServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The response to `query`: the TXT record when it asks for `owner`'s TXT.
fn answer(query: &Message, owner: &Name, txt: &str, asked: &Mutex<Vec<(String, RecordType)>>) -> Message {
    let mut response = Message::new(query.metadata.id, MessageType::Response, OpCode::Query);
    response.metadata.recursion_desired = query.metadata.recursion_desired;
    response.metadata.recursion_available = true;
    response.metadata.authoritative = true;
    response.add_queries(query.queries.iter().cloned());
    let mut known = false;
    for question in &query.queries {
        asked.lock().expect("not poisoned").push((question.name().to_ascii(), question.query_type()));
        if question.name().eq_ignore_root_case(owner) {
            known = true;
            if question.query_type() == RecordType::TXT {
                response.add_answer(Record::from_rdata(owner.clone(), 60, RData::TXT(TXT::new(vec![txt.to_owned()]))));
            }
        }
    }
    response.metadata.response_code = if known { ResponseCode::NoError } else { ResponseCode::NXDomain };
    response
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_started_with_no_bootstrap_joins_through_its_default_list_resolved_by_dns() {
    // The bootstrap node of the network, run by a member; it holds an offer
    // published before the new node exists.
    let member = spawn("Bootstrap member school", "SE", &[]).await;
    let welding = offer("Welding in Luleå", "SE", "0715", 4);
    member.node.publisher().publish_offer("welding", &welding, PublishMode::Create).await.expect("publishes");

    // The default list of `bsr` is one `/dnsaddr/` name; the test's DNS
    // server answers it with the member's address.
    let defaults = Config::default();
    assert_eq!(defaults.bootstrap.len(), 1);
    let name = defaults.bootstrap[0].strip_prefix("/dnsaddr/").expect("the default list is a /dnsaddr/ name");
    let dns = DnsaddrServer::start(name, &member.addr()).await;

    // No bootstrap address of its own: only the default list, and the DNS
    // server to resolve it with.
    let config = Config {
        bootstrap: defaults.bootstrap.clone(),
        dns: DnsSettings { nameservers: vec![dns.addr.to_string()] },
        ..test_config(&[])
    };
    let newcomer = spawn_with("Newcomer company", "DE", config).await;

    let member_id = member.node.info().peer_id;
    wait_until("the newcomer connects to the member found through DNS", || async {
        newcomer.node.network().peers().await.is_ok_and(|peers| peers.iter().any(|p| p.peer_id == member_id))
    })
    .await;
    let query = OfferQuery { countries: vec!["SE".into()], ..OfferQuery::default() };
    wait_until("the newcomer syncs the member's offer", || async { newcomer.offers(&query).len() == 1 }).await;
    let asked = dns.questions();
    assert!(
        asked.iter().any(|(q, t)| q.eq_ignore_ascii_case(&format!("_dnsaddr.{name}.")) && *t == RecordType::TXT),
        "the node asked for the TXT records of _dnsaddr.{name}: {asked:?}"
    );
}
