/** Clickatell legacy HTTP API: request builders, response parsers, session handling and the client. */
export {
  DEFAULT_BASE_URL,
  buildAuthRequest,
  buildCoverageRequest,
  buildDelMsgRequest,
  buildGetBalanceRequest,
  buildGetMsgChargeRequest,
  buildPingRequest,
  buildQueryMsgRequest,
  buildSendMsgRequest,
  buildTokenPayRequest,
  perRequestAuth,
  prepareMessage,
  prepareSend,
  resolveBaseUrl,
  sendMsgRequest,
  type ClickatellAuth,
  type ClickatellHttpCredentials,
  type PerRequestAuth,
  type PreparedMessage,
  type PreparedSend,
  type RequestTarget,
  type SessionAuth,
} from './requests';
export {
  bodyLines,
  errFromLine,
  malformed,
  parseAuthResponse,
  parseBalanceResponse,
  parseCoverageResponse,
  parseErrLine,
  parseFieldLine,
  parsePingResponse,
  parseSendResponse,
  parseStatusResponse,
  parseTokenPayResponse,
  wholeRequestError,
  type ClickatellCommand,
  type ErrLine,
  type SendContext,
  type TokenPayResult,
} from './parser';
export { httpStatusError, isSuccessStatus } from './http-status';
export { ClickatellSession, MemorySessionStore, type ClickatellSessionOptions, type RequestBuilder, type SessionStore } from './session';
export { ClickatellHttpClient, type ClickatellHttpClientOptions } from './client';
export { CLICKATELL_HTTP_ALPHABET, singleByteTextParam } from './text-rule';
