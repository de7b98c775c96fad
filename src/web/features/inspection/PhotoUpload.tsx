import { ActionIcon, Box, Button, FileButton, Group, Image, Loader, Stack, Text } from '@mantine/core';
import { IconPhotoPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { PHOTO_LIMITS, PHOTO_TYPES, type TPhoto } from '../../../shared/api/inspection.ts';
import { inspectionApi } from './inspection-api.ts';

interface Pending {
  key: string;
  name: string;
}

const MB = 1024 * 1024;

/**
 * Evidence photos, each uploaded as soon as it is chosen and shown from the server's copy (what
 * the seller will see, metadata stripped). The size check here spares a long upload; the server
 * decides, by content, what is an image.
 */
export function PhotoUpload({
  tradeInId,
  photos,
  onChange,
  required,
  serverError,
}: {
  tradeInId: string;
  photos: TPhoto[];
  onChange: (update: (photos: TPhoto[]) => TPhoto[]) => void;
  required: boolean;
  serverError?: string | undefined;
}) {
  const [pending, setPending] = useState<Pending[]>([]);
  const [problems, setProblems] = useState<string[]>([]);

  const choose = (files: File[]) => {
    const room = PHOTO_LIMITS.maxCount - photos.length - pending.length;
    const next: string[] = [];
    if (files.length > room) next.push(`At most ${PHOTO_LIMITS.maxCount} photos: ${files.length - Math.max(room, 0)} not added.`);
    for (const file of files.slice(0, Math.max(room, 0))) {
      if (file.size > PHOTO_LIMITS.maxBytes) {
        next.push(`${file.name} is ${(file.size / MB).toFixed(1)} MB: at most ${PHOTO_LIMITS.maxBytes / MB} MB.`);
        continue;
      }
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      setPending((p) => [...p, { key, name: file.name }]);
      inspectionApi
        .uploadPhoto(tradeInId, file)
        .then((photo) => onChange((list) => [...list, photo]))
        .catch((error: unknown) => setProblems((p) => [...p, `${file.name}: ${error instanceof Error ? error.message : 'upload failed'}`]))
        .finally(() => setPending((p) => p.filter((x) => x.key !== key)));
    }
    setProblems(next);
  };

  const full = photos.length + pending.length >= PHOTO_LIMITS.maxCount;
  return (
    <Stack gap="xs">
      <div>
        <Text fw={600} size="sm">
          Photos{required ? ' (at least one for this outcome)' : ''}
        </Text>
        <Text size="xs" c="dimmed">
          JPEG, PNG or WebP, up to {PHOTO_LIMITS.maxCount} of at most {PHOTO_LIMITS.maxBytes / MB} MB each. Location and other metadata are removed.
        </Text>
      </div>
      <Group gap="sm" data-testid="uploaded-photos">
        {photos.map((p, i) => (
          <Box key={p.id} pos="relative">
            <Image src={p.url} alt={`Evidence photo ${i + 1}`} w={96} h={96} fit="cover" radius="sm" />
            <ActionIcon
              size="sm"
              color="dark"
              variant="filled"
              radius="xl"
              pos="absolute"
              top={4}
              right={4}
              aria-label={`Remove photo ${i + 1}`}
              onClick={() => onChange((list) => list.filter((x) => x.id !== p.id))}
            >
              <IconX size={14} aria-hidden />
            </ActionIcon>
          </Box>
        ))}
        {pending.map((p) => (
          <Group key={p.key} w={96} h={96} justify="center" style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 4 }}>
            <Loader size="sm" aria-label={`Uploading ${p.name}`} />
          </Group>
        ))}
      </Group>
      <FileButton onChange={choose} accept={PHOTO_TYPES.join(',')} multiple disabled={full}>
        {(props) => (
          <Button {...props} variant="light" leftSection={<IconPhotoPlus size={18} aria-hidden />} style={{ alignSelf: 'flex-start' }}>
            Add photos
          </Button>
        )}
      </FileButton>
      {[...(serverError ? [serverError] : []), ...problems].map((m) => (
        <Text key={m} size="sm" c="red.8" role="alert">
          {m}
        </Text>
      ))}
    </Stack>
  );
}
