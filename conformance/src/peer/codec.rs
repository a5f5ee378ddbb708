//! The client side of `/vetnet/sync/1` (`docs/PROTOCOL.md` "Catch-up sync"):
//! each message a 4-byte big-endian length and one CBOR map. Written from the
//! spec, not taken from the node, so the kit checks what the spec says.

use std::io;

use futures::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use libp2p::StreamProtocol;
use vetnet_protocol::sync::{MAX_SYNC_REQUEST_BYTES, MAX_SYNC_RESPONSE_BYTES, SyncRequest, SyncResponse};

/// The sync codec of the probes.
#[derive(Debug, Clone, Copy, Default)]
pub struct SyncClientCodec;

async fn read_frame<T: AsyncRead + Unpin + Send>(io: &mut T, max: usize) -> io::Result<Vec<u8>> {
    let mut length = [0u8; 4];
    io.read_exact(&mut length).await?;
    let length = u32::from_be_bytes(length) as usize;
    if length > max {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("a frame of {length} bytes is over {max}")));
    }
    let mut frame = Vec::new();
    io.take(length as u64).read_to_end(&mut frame).await?;
    if frame.len() != length {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the frame ended early"));
    }
    Ok(frame)
}

async fn write_frame<T: AsyncWrite + Unpin + Send>(io: &mut T, frame: &[u8]) -> io::Result<()> {
    let length =
        u32::try_from(frame.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    io.write_all(&length.to_be_bytes()).await?;
    io.write_all(frame).await?;
    io.close().await
}

fn invalid(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl libp2p::request_response::Codec for SyncClientCodec {
    type Protocol = StreamProtocol;
    type Request = SyncRequest;
    type Response = SyncResponse;

    async fn read_request<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<SyncRequest>
    where
        T: AsyncRead + Unpin + Send,
    {
        SyncRequest::decode(&read_frame(io, MAX_SYNC_REQUEST_BYTES).await?).map_err(invalid)
    }

    async fn read_response<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<SyncResponse>
    where
        T: AsyncRead + Unpin + Send,
    {
        SyncResponse::decode(&read_frame(io, MAX_SYNC_RESPONSE_BYTES).await?).map_err(invalid)
    }

    async fn write_request<T>(&mut self, _: &StreamProtocol, io: &mut T, request: SyncRequest) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_frame(io, &request.encode().map_err(invalid)?).await
    }

    async fn write_response<T>(&mut self, _: &StreamProtocol, io: &mut T, response: SyncResponse) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        write_frame(io, &response.encode().map_err(invalid)?).await
    }
}
