//! The wire framing of `/vetnet/<net>/direct/1`, the protocol two nodes use
//! to hand each other mobility steps: the request is one signed step, the
//! response one signed receipt, each framed as in `sync_codec` (a 4-byte
//! big-endian length, checked against the limit before anything is read).
//! The bytes are checked by `vetnet_protocol::mobility`, not here.

use std::io;

use futures::{AsyncRead, AsyncWrite};
use libp2p::StreamProtocol;
use vetnet_protocol::mobility::{MAX_RECEIPT_BYTES, MAX_STEP_BYTES};

use crate::sync_codec::{read_frame, write_frame};

#[derive(Debug, Clone, Copy, Default)]
pub struct DirectCodec;

impl libp2p::request_response::Codec for DirectCodec {
    type Protocol = StreamProtocol;
    type Request = Vec<u8>;
    type Response = Vec<u8>;

    async fn read_request<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<Vec<u8>>
    where
        T: AsyncRead + Unpin + Send,
    {
        read_frame(io, MAX_STEP_BYTES).await
    }

    async fn read_response<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<Vec<u8>>
    where
        T: AsyncRead + Unpin + Send,
    {
        read_frame(io, MAX_RECEIPT_BYTES).await
    }

    async fn write_request<T>(&mut self, _: &StreamProtocol, io: &mut T, request: Vec<u8>) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_frame(io, request).await
    }

    async fn write_response<T>(&mut self, _: &StreamProtocol, io: &mut T, response: Vec<u8>) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_frame(io, response).await
    }
}
