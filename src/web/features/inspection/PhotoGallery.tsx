import { Group, Image, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { TPhoto } from '../../../shared/api/inspection.ts';

/** Evidence photos as thumbnails; a click shows one at full size. Shared by the portal and the seller's page. */
export function PhotoGallery({ photos, label = 'Photo' }: { photos: TPhoto[]; label?: string }) {
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  const shown = open === null ? null : photos[open];
  return (
    <>
      <Group gap="sm" data-testid="photos">
        {photos.map((p, i) => (
          <UnstyledButton key={p.id} onClick={() => setOpen(i)} aria-label={`${label} ${i + 1} of ${photos.length}: enlarge`}>
            <Image src={p.url} alt={`${label} ${i + 1}`} w={112} h={112} fit="cover" radius="sm" style={{ border: '1px solid var(--mantine-color-gray-3)' }} />
          </UnstyledButton>
        ))}
      </Group>
      <Modal opened={shown != null} onClose={() => setOpen(null)} title={shown ? `${label} ${open! + 1} of ${photos.length}` : ''} size="xl" centered>
        {shown && (
          <Stack gap="xs">
            <Image src={shown.url} alt={`${label} ${open! + 1}, full size`} fit="contain" mah="75vh" data-testid="photo-large" />
            <Text size="xs" c="dimmed">
              {shown.width} × {shown.height} px
            </Text>
          </Stack>
        )}
      </Modal>
    </>
  );
}
