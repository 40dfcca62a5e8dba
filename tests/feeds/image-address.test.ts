import { describe, expect, it } from 'vitest';
import { checkedImageUrl } from '../../src/feeds/image-address.js';
import { anyAddress, publicAddressesOnly } from '../../src/feeds/fetch/index.js';

describe('an item picture’s address', () => {
  it('is kept when it is a public http(s) URL', () => {
    expect(checkedImageUrl('https://static.tengrinews.kz/userdata/news/2022/news_458923/thumb_m/photo_372384.jpeg', publicAddressesOnly)).toBe(
      'https://static.tengrinews.kz/userdata/news/2022/news_458923/thumb_m/photo_372384.jpeg',
    );
    expect(checkedImageUrl('http://93.184.216.34/a.png', publicAddressesOnly)).toBe('http://93.184.216.34/a.png');
  });

  it('is refused where a feed would be: private, loopback, metadata and mapped addresses, other schemes', () => {
    for (const url of [
      'http://127.0.0.1/a.jpg',
      'http://10.1.2.3/a.jpg',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/a.jpg',
      'http://2130706433/a.jpg',
      'http://localhost:8080/a.jpg',
      'http://printer.local/a.jpg',
      'http://intranet/a.jpg',
      'ftp://cdn.example.com/a.jpg',
      'https://user:secret@cdn.example.com/a.jpg',
      `https://cdn.example.com/${'a'.repeat(2100)}.jpg`,
    ]) {
      expect(checkedImageUrl(url, publicAddressesOnly), url).toBeUndefined();
    }
  });

  it('is allowed on a private network when feeds are (ALLOW_PRIVATE_NETWORK_FEEDS)', () => {
    expect(checkedImageUrl('http://127.0.0.1:4000/a.jpg', anyAddress)).toBe('http://127.0.0.1:4000/a.jpg');
    expect(checkedImageUrl('http://localhost:4000/a.jpg', anyAddress)).toBe('http://localhost:4000/a.jpg');
  });
});
