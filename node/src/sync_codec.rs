//! The wire framing of `/vetnet/sync/1` for libp2p request-response: a 4-byte
//! big-endian length, then one CBOR message (`vetnet_protocol::sync`). The
//! length is checked against the limit before anything is allocated, so a
//! peer cannot make a node buffer more than the limit.

use std::io;

use futures::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use libp2p::StreamProtocol;
use vetnet_protocol::sync::{MAX_SYNC_REQUEST_BYTES, MAX_SYNC_RESPONSE_BYTES, SyncRequest, SyncResponse};

#[derive(Debug, Clone, Copy, Default)]
pub struct SyncCodec;

pub(crate) async fn read_frame<T: AsyncRead + Unpin + Send>(io: &mut T, max: usize) -> io::Result<Vec<u8>> {
    let mut length = [0u8; 4];
    io.read_exact(&mut length).await?;
    let length = u32::from_be_bytes(length) as usize;
    if length > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("message of {length} bytes is over the limit of {max}"),
        ));
    }
    // Memory follows the bytes that actually arrive, not the announced length.
    let mut frame = Vec::new();
    io.take(length as u64).read_to_end(&mut frame).await?;
    if frame.len() != length {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the message ended early"));
    }
    Ok(frame)
}

pub(crate) async fn write_frame<T: AsyncWrite + Unpin + Send>(io: &mut T, frame: Vec<u8>) -> io::Result<()> {
    let length =
        u32::try_from(frame.len()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too large"))?;
    io.write_all(&length.to_be_bytes()).await?;
    io.write_all(&frame).await?;
    io.close().await
}

/// An undecodable or unencodable message, as an I/O error that keeps it as
/// its source.
fn invalid(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl libp2p::request_response::Codec for SyncCodec {
    type Protocol = StreamProtocol;
    type Request = SyncRequest;
    type Response = SyncResponse;

    async fn read_request<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<SyncRequest>
    where
        T: AsyncRead + Unpin + Send,
    {
        let frame = read_frame(io, MAX_SYNC_REQUEST_BYTES).await?;
        SyncRequest::decode(&frame).map_err(invalid)
    }

    async fn read_response<T>(&mut self, _: &StreamProtocol, io: &mut T) -> io::Result<SyncResponse>
    where
        T: AsyncRead + Unpin + Send,
    {
        let frame = read_frame(io, MAX_SYNC_RESPONSE_BYTES).await?;
        SyncResponse::decode(&frame).map_err(invalid)
    }

    async fn write_request<T>(&mut self, _: &StreamProtocol, io: &mut T, request: SyncRequest) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        let frame = request.encode().map_err(invalid)?;
        write_frame(io, frame).await
    }

    async fn write_response<T>(&mut self, _: &StreamProtocol, io: &mut T, response: SyncResponse) -> io::Result<()>
    where
        T: AsyncWrite + Unpin + Send,
    {
        let frame = response.encode().map_err(invalid)?;
        write_frame(io, frame).await
    }
}
