import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bypassesProxy, proxyAuthorization, proxyConfig, proxyFor, unusableProxyVariables } from '../../main/providers/upstream-proxy.js';

describe('upstream proxy configuration', () => {
  it('takes the settings over the environment, and the environment per scheme as curl reads it', () => {
    const env = { HTTPS_PROXY: 'http://secure-proxy:3128', http_proxy: 'corp-proxy:8080', NO_PROXY: 'internal.example, .corp' };
    const fromEnv = proxyConfig({ url: null, noProxy: ['localhost'] }, env);
    assert.equal(fromEnv.https?.href, 'http://secure-proxy:3128/');
    assert.equal(fromEnv.http?.href, 'http://corp-proxy:8080/', 'a bare host:port is an http proxy');
    assert.deepEqual(fromEnv.noProxy, ['localhost', 'internal.example', '.corp']);
    const fromSettings = proxyConfig({ url: 'http://set-proxy:9000', noProxy: [] }, env);
    assert.equal(fromSettings.https?.href, 'http://set-proxy:9000/');
    assert.equal(fromSettings.http?.href, 'http://set-proxy:9000/');
    assert.equal(proxyConfig({ url: null, noProxy: [] }, { HTTP_PROXY: 'http://only-http:1' }).https?.href, 'http://only-http:1/', 'HTTP_PROXY serves https too when HTTPS_PROXY is unset');
    assert.equal(proxyConfig({ url: null, noProxy: [] }, { HTTPS_PROXY: 'socks5://s:1080' }).https, undefined, 'only http proxies are understood');
    assert.equal(proxyConfig({ url: null, noProxy: [] }, {}).https, undefined);
    assert.deepEqual(proxyConfig({ url: null, noProxy: [] }, { NO_PROXY: ' ', no_proxy: 'lan' }).noProxy, ['lan'], 'an empty NO_PROXY does not hide no_proxy');
    assert.deepEqual(unusableProxyVariables({ HTTPS_PROXY: 'socks5://s:1080', http_proxy: 'http://ok:1', HTTP_PROXY: '' }), ['HTTPS_PROXY']);
  });

  it('exempts hosts as NO_PROXY does: domains with their subdomains, host:port, addresses, *', () => {
    const entries = ['example.com', '.corp.internal', 'api.local:8443', '10.0.0.5', '[::1]'];
    assert.equal(bypassesProxy('example.com', '443', entries), true);
    assert.equal(bypassesProxy('api.example.com', '443', entries), true);
    assert.equal(bypassesProxy('notexample.com', '443', entries), false);
    assert.equal(bypassesProxy('git.corp.internal', '443', entries), true);
    assert.equal(bypassesProxy('corp.internal', '443', entries), true);
    assert.equal(bypassesProxy('api.local', '8443', entries), true);
    assert.equal(bypassesProxy('api.local', '443', entries), false);
    assert.equal(bypassesProxy('10.0.0.5', '80', entries), true);
    assert.equal(bypassesProxy('10.0.0.50', '80', entries), false);
    assert.equal(bypassesProxy('[::1]', '11434', entries), true);
    assert.equal(bypassesProxy('anything', '1', ['*']), true);
  });

  it('exempts the IP addresses in a CIDR range, IPv4 and IPv6, and no host name', () => {
    const entries = ['10.0.0.0/8', '192.168.1.0/24', 'fd00::/8', '[2001:db8::]/32', '172.16.0.0/99'];
    assert.equal(bypassesProxy('10.20.30.40', '443', entries), true);
    assert.equal(bypassesProxy('11.0.0.1', '443', entries), false);
    assert.equal(bypassesProxy('192.168.1.254', '80', entries), true);
    assert.equal(bypassesProxy('192.168.2.1', '80', entries), false);
    assert.equal(bypassesProxy('[fd12:3456::1]', '11434', entries), true);
    assert.equal(bypassesProxy('[fe80::1]', '11434', entries), false);
    assert.equal(bypassesProxy('[2001:db8:1::5]', '443', entries), true, 'a range written in brackets');
    assert.equal(bypassesProxy('172.16.0.1', '443', entries), false, 'a malformed range matches nothing');
    assert.equal(bypassesProxy('ten.example', '443', entries), false, 'a host name is in no range');
    const config = proxyConfig({ url: null, noProxy: [] }, { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '10.0.0.0/8' });
    assert.equal(proxyFor(new URL('https://10.1.2.3:8000/v1'), config), undefined, 'NO_PROXY ranges apply to providers');
    assert.equal(proxyFor(new URL('https://api.example.com/v1'), config)?.host, 'proxy:3128');
  });

  it('picks the proxy for a target, and sends credentials as Basic, decoded', () => {
    const config = proxyConfig({ url: null, noProxy: ['localhost'] }, { HTTPS_PROXY: 'http://u%40corp:p%3Ass@proxy:3128' });
    assert.equal(proxyFor(new URL('https://api.openai.com/v1'), config)?.host, 'proxy:3128');
    assert.equal(proxyFor(new URL('https://localhost:8443/v1'), config), undefined);
    assert.equal(proxyFor(new URL('http://ollama.lan:11434'), config), undefined, 'no HTTP_PROXY: plain http goes direct');
    assert.equal(proxyAuthorization(config.https!), `Basic ${Buffer.from('u@corp:p:ss').toString('base64')}`);
    assert.equal(proxyAuthorization(new URL('http://proxy:3128')), undefined);
  });
});
