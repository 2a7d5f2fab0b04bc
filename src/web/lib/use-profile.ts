import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client.js';
import type { ProfileJson } from '../api/types.js';

/** The user's profile with its ETag (changes need If-Match). */
export function useProfile() {
  return useQuery({
    queryKey: ['profile'],
    queryFn: async () => {
      const r = await request<ProfileJson>('GET', '/profile');
      return { profile: r.data, etag: r.etag ?? '*' };
    },
    staleTime: 60_000,
  });
}
