//! CRC-32 (IEEE, the checksum sled and zlib use), table-driven: it checks every stored record
//! as it is read and a few hundred kB of the database at open.

const TABLE: [u32; 256] = table();

const fn table() -> [u32; 256] {
    let mut out = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        out[i] = crc;
        i += 1;
    }
    out
}

/// A running CRC-32, for checksums over several pieces.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Crc32(u32);

impl Crc32 {
    pub(crate) fn new() -> Crc32 {
        Crc32(u32::MAX)
    }

    pub(crate) fn update(mut self, bytes: &[u8]) -> Crc32 {
        for &b in bytes {
            self.0 = (self.0 >> 8) ^ TABLE[((self.0 ^ u32::from(b)) & 0xFF) as usize];
        }
        self
    }

    pub(crate) fn finish(self) -> u32 {
        !self.0
    }
}

pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    Crc32::new().update(bytes).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(
            Crc32::new().update(b"1234").update(b"56789").finish(),
            0xCBF4_3926
        );
    }
}
